"""The Jinja template of a statement page, rendered by pyvis's `Network.generate_html()`.

It replaces pyvis's own template, which always links Bootstrap from a CDN and inserts the
heading unescaped. It lives in a Python module, not a data file, so it ships in any wheel
without package-data configuration. Render it only with autoescaping on.

pyvis passes `nodes`, `edges` and `options` (among others it does not use here); the page's
own data comes in as the `page` global. Node and edge data go through `tojson`, which
escapes `<`, `>`, `&` and `'` as `\\u003c`..., so no text can close the script element.
"""

STATEMENT_TEMPLATE = r"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>quotetrail: {{ page.title }}</title>
{% if page.vis_links %}<link rel="stylesheet" href="{{ page.vis_links.css }}">
{% else %}<style>{{ page.vis_css }}</style>{% endif %}
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 1.5rem;
         color: #1f2328; line-height: 1.45; }
  h1 { font-size: 1.3rem; margin: 0 0 .25rem 0; }
  .reference { font-size: 1.1rem; margin: .5rem 0; padding-left: .8rem;
               border-left: 4px solid {{ page.statement_color }}; }
  .meta { color: #57606a; font-size: .9rem; margin: 0; }
  .legend { list-style: none; padding: 0; margin: 1rem 0; display: flex; flex-wrap: wrap;
            gap: .4rem 1.2rem; font-size: .9rem; }
  .legend li { display: flex; align-items: center; gap: .35rem; }
  .swatch { display: inline-block; width: .9rem; height: .9rem; border-radius: 50%;
            border: 1px solid #333; }
  .swatch.box { border-radius: 2px; }
  .swatch.ring { border: 3px solid #cf222e; background: #fff; }
  .swatch.ring.dashed { border: 2px dashed #333; }
  .note { color: #cf222e; font-size: .85rem; }
  .line { display: inline-block; width: 1.8rem; border-top: 2px solid #999; }
  .line.dashed { border-top: 2px dashed #555; }
  .graph-wrap { display: flex; gap: 1rem; align-items: stretch; flex-wrap: wrap; }
  #mynetwork { flex: 3 1 600px; height: {{ height }}; border: 1px solid #d0d7de;
               border-radius: 6px; background: #fff; position: relative; }
  #qt-panel { flex: 1 1 260px; max-height: {{ height }}; overflow: auto; border: 1px solid #d0d7de;
              border-radius: 6px; padding: .75rem 1rem; font-size: .92rem; }
  #qt-panel h2 { font-size: 1rem; margin-top: 0; }
  #qt-panel dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .6rem; }
  #qt-panel dt { color: #57606a; }
  #qt-panel dd { margin: 0; overflow-wrap: anywhere; }
  table { border-collapse: collapse; width: 100%; margin-top: 1.5rem; font-size: .92rem; }
  caption { text-align: left; font-weight: 600; font-size: 1.05rem; margin-bottom: .4rem; }
  th, td { border-bottom: 1px solid #d0d7de; padding: .4rem .5rem; text-align: left;
           vertical-align: top; }
  td.source { overflow-wrap: anywhere; }
  .quote { margin: 0 0 .3rem 0; }
  .diff { margin: 0; color: #57606a; }
  del { background: #ffebe9; color: #82071e; }
  ins { background: #dafbe1; color: #116329; text-decoration: none; border-bottom: 1px solid; }
  .sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
             overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
  .kind-dot { display: inline-block; width: .7rem; height: .7rem; border-radius: 50%;
              margin-right: .3rem; border: 1px solid #333; vertical-align: middle; }
  button.show { font-size: .8rem; }
  nav.site { background: #2F3640; padding: .5rem 1.5rem; margin: -1.5rem -1.5rem 1rem; }
  nav.site a { color: #fff; text-decoration: none; font-weight: 600; margin-right: 1.2rem; }
</style>
</head>
<body>
{% if page.site %}
<nav class="site" aria-label="Site"><a href="/">quotetrail</a>
  {%- if page.speaker_href %}<a href="{{ page.speaker_href }}">{{ page.speaker }}</a>
  {%- endif %}</nav>
{% endif %}
<header>
  <h1>How this quote travelled</h1>
  <blockquote class="reference">{{ page.text }}</blockquote>
  <p class="meta">Speaker: {{ page.speaker }} · first seen: {{ page.first_seen }} ·
    {{ page.quote_count }} quote{{ "" if page.quote_count == 1 else "s" }} ·
    {{ page.variant_count }} variant{{ "" if page.variant_count == 1 else "s" }} shown ·
    statement id <code>{{ page.statement_id }}</code></p>
</header>

<ul class="legend" aria-label="Legend">
  <li><span class="swatch box" style="background: {{ page.statement_color }}"
        aria-hidden="true"></span>reference wording (the statement)</li>
{% for item in page.legend %}
  <li><span class="swatch" style="background: {{ item.color }}" aria-hidden="true"></span>
    <strong>{{ item.mutation }}</strong>: {{ item.meaning }}</li>
{% endfor %}
  <li><span class="line dashed" aria-hidden="true"></span>derived from (arrow from the likely
    source)</li>
  <li><span class="swatch ring" aria-hidden="true"></span>⚠ credited to another speaker than
    the statement's</li>
  <li><span class="swatch ring dashed" aria-hidden="true"></span>? speaker inferred, not named
    next to the quote</li>
</ul>
<p class="meta">Dates run left to right (a tick above where each day starts; prints of the same
  day side by side, undated last); every dot is a printing of the reference wording on the
  left. Click a node for its details; the table below lists the same occurrences.</p>
{% if page.exports %}
<p class="meta exports">Download this trace:
  {% for item in page.exports %}<a href="{{ item.href }}" download>{{ item.label }}</a>
  {{- " · " if not loop.last }}{% endfor %}</p>
{% endif %}

<div class="graph-wrap">
  <div id="mynetwork" role="img"
       aria-label="Graph of the statement and its variants; the table below has the same data">
  </div>
  <aside id="qt-panel" aria-live="polite">
    <h2>Details</h2>
    <p>Click a node in the graph, or a “show” button in the table.</p>
  </aside>
</div>

<table>
  <caption>Occurrences in time order</caption>
  <thead>
    <tr><th scope="col">Date</th><th scope="col">Outlet</th><th scope="col">Article</th>
      <th scope="col">Kind</th><th scope="col">Mutation</th><th scope="col">Speaker</th>
      <th scope="col">Text and changes against the reference</th>
      <th scope="col">Likely source</th><th scope="col"><span class="sr-only">Graph</span></th></tr>
  </thead>
  <tbody>
{% for row in page.rows %}
    <tr id="row-{{ loop.index }}">
      <td>{% if row.datetime %}<time datetime="{{ row.datetime }}">{{ row.date }}</time>
        {%- else %}{{ row.date }}{% endif %}</td>
      <td>{{ row.outlet }}</td>
      <td class="source">{% if row.url %}<a href="{{ row.url }}" rel="noopener noreferrer">
        {{- row.title }}</a>{% else %}{{ row.title }}
        {%- if row.source %}<br><code>{{ row.source }}</code>{% endif %}{% endif %}
        {%- if row.article_href %}<br><a href="{{ row.article_href }}">read the quote in
        the article</a>{% endif %}</td>
      <td>{{ row.quote_kind }}</td>
      <td><span class="kind-dot" style="background: {{ row.color }}" aria-hidden="true"></span>
        {{- row.mutation }}</td>
      <td>{{ row.speaker }}{% for note in row.notes %}<br><span class="note">{{ note }}</span>
        {%- endfor %}</td>
      <td><p class="quote">“{{ row.text }}”</p>
        <p class="diff">
        {%- if row.diff_changed -%}
          {%- for op, words in row.diff -%}
            {%- if op == "-" -%}
              <del><span class="sr-only">[dropped: </span>{{ words }}
              {%- raw %}<span class="sr-only">]</span></del>{% endraw %}
            {%- elif op == "+" -%}
              <ins><span class="sr-only">[added: </span>{{ words }}
              {%- raw %}<span class="sr-only">]</span></ins>{% endraw %}
            {%- else %}{{ words }}{% endif %}{{ " " if not loop.last }}
          {%- endfor -%}
        {%- elif row.diff %}(same words as the reference)
        {%- else %}(no diff recorded){% endif -%}
        </p></td>
      <td>{{ row.source_label }}</td>
      <td><button type="button" class="show" data-node="{{ row.node_id }}">show</button></td>
    </tr>
{% endfor %}
  </tbody>
</table>

{% if page.vis_links %}<script src="{{ page.vis_links.js }}"></script>
{% else %}<script>{{ page.vis_js }}</script>{% endif %}
<script>{{ page.arrow_js }}</script>
<script type="application/json" id="qt-details">{{ page.details|tojson }}</script>
<script>
var nodes, edges, network;
(function () {
  "use strict";
  var details = JSON.parse(document.getElementById("qt-details").textContent);
  nodes = new vis.DataSet({{ nodes|tojson }});
  edges = new vis.DataSet({{ edges|tojson }});
  var options = JSON.parse({{ options|tojson }});
  network = new vis.Network(document.getElementById("mynetwork"),
                            {nodes: nodes, edges: edges}, options);
  network.fit({animation: false});

  // DERIVED_FROM arrows cross no label: once the labels are measured (the first draw), each
  // arrow takes the shortest course around every label box (viz/_arrow_router.py).
  network.once("afterDrawing", function () {
    qtArrows.route(network, {{ page.route_max|tojson }});
  });

  function el(tag, text) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function diffParagraph(diff) {
    var p = el("p");
    p.className = "diff";
    diff.forEach(function (part, i) {
      if (i > 0) { p.appendChild(document.createTextNode(" ")); }
      if (part[0] === "-") { p.appendChild(el("del", part[1])); }
      else if (part[0] === "+") { p.appendChild(el("ins", part[1])); }
      else { p.appendChild(document.createTextNode(part[1])); }
    });
    return p;
  }
  function show(id) {
    var panel = document.getElementById("qt-panel");
    while (panel.firstChild) { panel.removeChild(panel.firstChild); }
    var d = Object.prototype.hasOwnProperty.call(details, id) ? details[id] : null;
    if (!d) {
      panel.appendChild(el("h2", "Details"));
      panel.appendChild(el("p", "Click a node in the graph, or a \u201cshow\u201d button " +
                                "in the table."));
      return;
    }
    panel.appendChild(el("h2", d.heading));
    panel.appendChild(el("p", "\u201c" + d.text + "\u201d"));
    if (d.diff && d.diff.length) { panel.appendChild(diffParagraph(d.diff)); }
    var dl = el("dl");
    d.fields.forEach(function (f) {
      dl.appendChild(el("dt", f[0]));
      dl.appendChild(el("dd", f[1]));
    });
    if (d.url) {
      var dd = el("dd"), a = el("a", d.url);
      a.href = d.url;
      a.rel = "noopener noreferrer";
      dd.appendChild(a);
      dl.appendChild(el("dt", "link"));
      dl.appendChild(dd);
    }
    panel.appendChild(dl);
  }
  network.on("click", function (params) {
    if (params.nodes.length > 0) { show(params.nodes[0]); }
  });
  Array.prototype.forEach.call(document.querySelectorAll("button.show"), function (b) {
    b.addEventListener("click", function () {
      var id = b.getAttribute("data-node");
      network.selectNodes([id]);
      network.focus(id, {scale: 1.2, animation: false});
      show(id);
      document.getElementById("qt-panel").scrollIntoView({block: "nearest"});
    });
  });
})();
</script>
</body>
</html>
"""
