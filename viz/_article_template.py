"""The article page's template: the stored text with every quote highlighted where it
stands, its speaker shown inline, unattributed quotes styled apart, and a panel that shows
a clicked quote's cue, attribution method and confidence, statement and mutation.

The inline speaker label is CSS generated content (`attr(data-speaker)`), so the text of
the article element stays exactly the stored text. The panel is filled with `textContent`
from a JSON block (`tojson` escapes `<`); listeners come from `addEventListener`.
"""

ARTICLE = r"""{% extends "base.html" %}
{% import "downloads.html" as dl %}
{% block title %}{{ article.title or "(untitled)" }}{% endblock %}
{% block head %}<style>
  .article-wrap { display: grid; grid-template-columns: minmax(0, 48rem) minmax(16rem, 1fr);
                  gap: 1.2rem; align-items: start; }
  #quote-panel { position: sticky; top: 1rem; border: 1px solid #d0d7de; border-radius: 6px;
                 padding: .75rem 1rem; font-size: .92rem; }
  #quote-panel h2 { font-size: 1rem; margin: 0 0 .5rem; }
  #quote-panel dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .6rem; }
  #quote-panel dt { color: #57606a; }
  #quote-panel dd { margin: 0; overflow-wrap: anywhere; }
  .article-text .q.selected { outline: 2px solid #1f2328; }
</style>{% endblock %}
{% block content %}
<h1>{{ article.title or "(untitled)" }}</h1>
<p class="meta">{{ article.outlet or "unknown outlet" }} · {{ date_label(article.published) }}
  {%- if date_note %}
  <span class="date-note" title="{{ article.published_note }}">({{ date_note }})</span>{% endif %}
  · {{ article.kind }}
  · {{ article.quotes_total }} quote{{ "" if article.quotes_total == 1 else "s" }}
  {%- if unattributed %} · <strong>{{ unattributed }} without a speaker</strong>
  {%- if pager %} among those shown{% endif %}{% endif %}</p>
<p class="meta">Source: {% if url %}<a href="{{ url }}" rel="noopener noreferrer">{{ url }}</a>
  {%- else %}<code>{{ article.source or "unknown" }}</code>{% endif %}</p>
{% include "legend.html" %}
{% if pager %}
<p class="pager" id="quotes-pager">
{% if pager.previous %}<a href="{{ pager.previous }}">← previous quotes</a>{% endif %}
{% if pager.next %}<a href="{{ pager.next }}">next quotes →</a>{% endif %}
<span class="meta">
  highlighting quotes {{ pager.first }}–{{ pager.last }} of {{ pager.total }}, in text order
</span></p>
{% endif %}
<p class="meta">The article's text as stored; every quote is highlighted where it stands, coloured
  by how it differs from its statement (grey: not linked to a statement), with its speaker in a
  small label after it; quotes the machine could not attribute have a dashed red outline and
  the label “? no speaker”. Click a quote for its cue, attribution and statement.</p>
<div class="article-wrap">
<div class="article-text" id="article-text">
{%- for seg in segments -%}
{%- if seg.quote is none -%}{{ seg.text }}
{%- elif seg.href -%}<a class="q{{ ' unattributed' if seg.unattributed }}" href="{{ seg.href }}"
  data-quote="{{ seg.quote }}" data-mutation="{{ seg.mutation }}"
  {%- if seg.label %} data-speaker="{{ seg.label }}"{% endif %}
  style="--qc: {{ seg.color }}; --qbg: {{ seg.background }}"
  title="{{ seg.hover }}">{{ seg.text }}</a>
{%- else -%}<mark class="q{{ ' unattributed' if seg.unattributed }}" data-quote="{{ seg.quote }}"
  {%- if seg.label %} data-speaker="{{ seg.label }}"{% endif %} tabindex="0"
  title="{{ seg.hover }}">{{ seg.text }}</mark>
{%- endif -%}
{%- endfor -%}
</div>
<aside id="quote-panel" aria-live="polite">
  <h2>Quote</h2>
  <p>Click a highlighted quote.</p>
</aside>
</div>

<h2 id="quotes-heading">Quotes in this article</h2>
{{ dl.links(exports, "Download this table") }}
<table id="quotes" aria-labelledby="quotes-heading">
  <thead><tr><th scope="col" class="num">Offsets</th><th scope="col">Quote</th>
    <th scope="col">Kind</th><th scope="col">Speaker</th><th scope="col">Attribution</th>
    <th scope="col">Mutation</th><th scope="col">Statement</th></tr></thead>
  <tbody>
{% for row in rows %}
    <tr><td class="num">{{ row.start }}–{{ row.end }}</td><td>“{{ row.text }}”
      {%- if not row.at_offsets %}<br><span class="meta">(not found at these offsets in the
      stored text)</span>{% endif %}</td>
      <td>{{ row.kind }}</td>
      <td>{% if row.speaker_id -%}
        <a href="{{ link('speakers', row.speaker_id) }}">{{ row.speaker }}</a>
        {%- else %}{{ row.speaker or "unattributed" }}{% endif %}</td>
      <td>{{ row.method or "—" }}{% if row.confidence is not none %}
        ({{ "%.2f"|format(row.confidence) }}){% endif %}{% if row.cue %}<br><span
        class="meta">cue: {{ row.cue }}</span>{% endif %}</td>
      <td>{% for st in row.statements -%}
        <span class="swatch" style="background: {{ color(st.mutation) }}" aria-hidden="true">
        </span> {{ st.mutation }}{{ "; " if not loop.last }}{% else %}—{% endfor %}</td>
      <td>{% for st in row.statements %}<a href="{{ link('statements', st.id) }}">{{ st.text }}</a>
        {{- "; " if not loop.last }}{% else %}—{% endfor %}</td></tr>
{% endfor %}
  </tbody>
</table>
<script type="application/json" id="qt-quotes">{{ details|tojson }}</script>
<script>
(function () {
  "use strict";
  var details = JSON.parse(document.getElementById("qt-quotes").textContent);
  var panel = document.getElementById("quote-panel");
  function el(tag, text) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function link(text, href) {
    var a = el("a", text);
    a.href = href;  // a site path built by the server ("/statements/...")
    return a;
  }
  function show(id) {
    var d = Object.prototype.hasOwnProperty.call(details, id) ? details[id] : null;
    if (!d) { return; }
    while (panel.firstChild) { panel.removeChild(panel.firstChild); }
    panel.appendChild(el("h2", d.speaker ? "Quote of " + d.speaker : "Quote with no speaker"));
    panel.appendChild(el("p", "\u201c" + d.text + "\u201d"));
    var dl = el("dl");
    d.fields.forEach(function (f) {
      dl.appendChild(el("dt", f[0]));
      dl.appendChild(el("dd", f[1]));
    });
    d.statements.forEach(function (st) {
      var dd = el("dd");
      dd.appendChild(el("span", st.mutation + ": "));
      dd.appendChild(link(st.text, st.href));
      dl.appendChild(el("dt", "statement"));
      dl.appendChild(dd);
    });
    if (d.speaker_href) {
      var sd = el("dd");
      sd.appendChild(link(d.speaker, d.speaker_href));
      dl.appendChild(el("dt", "speaker page"));
      dl.appendChild(sd);
    }
    panel.appendChild(dl);
    Array.prototype.forEach.call(document.querySelectorAll(".q.selected"), function (q) {
      q.classList.remove("selected");
    });
    Array.prototype.forEach.call(document.querySelectorAll(".q"), function (q) {
      if (q.getAttribute("data-quote") === id) { q.classList.add("selected"); }
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("#article-text .q"), function (q) {
    q.addEventListener("click", function (e) {
      if (e.ctrlKey || e.metaKey || e.shiftKey) { return; }  // open the statement as asked
      e.preventDefault();
      show(q.getAttribute("data-quote"));
    });
    q.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && q.tagName === "MARK") { show(q.getAttribute("data-quote")); }
    });
  });
})();
</script>
{% endblock %}
"""
