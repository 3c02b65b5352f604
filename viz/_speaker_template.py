"""The speaker page's template (autoescaped; no script, no external resource).

The time line is inline SVG drawn from server-computed marks; every text (statement words,
outlet names, dates) reaches it through Jinja's autoescaping, tooltips as SVG `<title>`.
"""

SPEAKER = r"""{% extends "base.html" %}
{% import "downloads.html" as dl %}
{% block title %}{{ speaker.name }}{% endblock %}
{% block content %}
<h1>{{ speaker.name }}</h1>
<p class="meta">{% if speaker.role %}{{ speaker.role }} · {% endif %}{{ speaker.statements_total }}
  statement{{ "" if speaker.statements_total == 1 else "s" }} · {{ speaker.quotes_total }}
  printing{{ "" if speaker.quotes_total == 1 else "s" }} credited
  {%- if names %} · named in articles: {{ names|join(", ") }}{% endif %}
  {%- if descriptions %} · described as: {{ descriptions|join(", ") }}{% endif %}</p>
{% include "legend.html" %}

<h2 id="timeline-heading">What {{ speaker.name }} said, over time</h2>
<p class="meta">One row per statement (the most printed, earliest first; the rest share the
  last row), one mark per printing at its date, coloured by how it differs from the
  statement. Hover a mark for its outlet and words; click
  it for the statement's trace.</p>
{% if timeline.marks %}
<svg id="speaker-timeline" role="img" aria-labelledby="timeline-heading"
     width="100%" viewBox="-330 -34 {{ timeline.width + 420 }} {{ timeline.height + 44 }}"
     style="max-width: 70rem; font-family: inherit">
  {% for tick in timeline.ticks %}
  <line x1="{{ tick.x }}" x2="{{ tick.x }}" y1="-6" y2="{{ timeline.height }}" stroke="#d0d7de"/>
  <text x="{{ tick.x }}" y="-14" font-size="11" text-anchor="middle"
        fill="#57606a">{{ tick.label }}</text>
  {% endfor %}
  {% if timeline.undated_x %}<text x="{{ timeline.undated_x }}" y="-14" font-size="11"
    text-anchor="middle" fill="#57606a">undated</text>{% endif %}
  {% for text in timeline.rows %}
  <text x="-12" y="{{ loop.index0 * 18 + 13 }}" font-size="11" text-anchor="end"
        fill="#1f2328">{{ text|truncate(52, True, "…") }}</text>
  {% endfor %}
  {% for m in timeline.marks %}
  {% if m.href %}<a href="{{ m.href }}">{% endif %}<circle class="mark" cx="{{ m.x }}"
    cy="{{ m.y }}" r="5" fill="{{ m.color }}" stroke="#333" stroke-width=".6"
    fill-opacity=".85"><title>{{ m.title }}</title></circle>{% if m.href %}</a>{% endif %}
  {% endfor %}
</svg>
{% else %}
<p>No printing is credited to {{ speaker.name }}.</p>
{% endif %}

<h2 id="printings-heading">{% if window.before or speaker.quotes_total > total %}{{
"The latest " if not window.before }}{{ total }} printing{{ "" if total == 1 else "s" }}
{%- if dates %}, {{ date_label(dates[0]) }} to {{ date_label(dates[1]) }}{% endif %}, of {{
speaker.quotes_total }}{% else %}Every printing ({{ total }}){% endif %}</h2>
<p class="pager" id="printings-windows">{% if latest %}<a href="{{ latest }}">← the latest
  printings</a>{% endif %}
  {% if older %}<a href="{{ older }}">older printings →</a>{% endif %}</p>
{{ dl.links(exports, "Download this table") }}
<table id="speaker-printings" aria-labelledby="printings-heading">
  <thead><tr>
  {%- for key, label in [("date", "Date"), ("outlet", "Outlet"), ("article", "Article")] %}
    <th scope="col"><a href="{{ href(sort=key, order='desc' if sort == key and order == 'asc'
      else 'asc', offset=0) }}">{{ label }}</a>{% if sort == key %} {{ "▲" if order == "asc"
      else "▼" }}{% endif %}</th>{% endfor %}
    <th scope="col">Words printed</th>
  {%- for key, label in [("mutation", "Mutation"), ("method", "Attribution"),
                         ("confidence", "Confidence")] %}
    <th scope="col"><a href="{{ href(sort=key, order='desc' if sort == key and order == 'asc'
      else 'asc', offset=0) }}">{{ label }}</a>{% if sort == key %} {{ "▲" if order == "asc"
      else "▼" }}{% endif %}</th>{% endfor %}
  </tr></thead>
  <tbody>
{% for row in rows %}{% set q = row.q %}
    <tr><td class="date">{{ date_label(q.published) }}</td>
      <td>{{ q.outlet or "unknown outlet" }}</td>
      <td>{% if row.url %}<a href="{{ row.url }}" rel="noopener noreferrer">{{ q.title or
        "(untitled)" }}</a>{% else %}{{ q.title or "(untitled)" }}{% endif %}<br>
        <a class="meta" href="{{ link('articles', q.article_id) }}">the quote in the
        article</a></td>
      <td>“{{ q.text }}”{% if q.statement_id %}<br><a class="meta"
        href="{{ link('statements', q.statement_id) }}">trace of the statement</a>{% endif %}</td>
      <td>{% if q.mutation %}<span class="swatch" style="background: {{ color(q.mutation) }}"
        aria-hidden="true"></span> {{ q.mutation }}{% else %}not linked{% endif %}</td>
      <td>{{ q.method or "—" }}{% if q.mention %}<br><span class="meta">as “{{ q.mention }}”
        {%- if q.cue %}, {{ q.cue }}{% endif %}</span>{% endif %}</td>
      <td class="num">{{ "%.2f"|format(q.confidence) if q.confidence is not none else "—" }}</td>
    </tr>
{% endfor %}
  </tbody>
</table>
<p class="pager">
{% if offset > 0 %}<a href="{{ href(offset=[offset - limit, 0]|max) }}">← previous</a>{% endif %}
{% if offset + limit < total %}<a href="{{ href(offset=offset + limit) }}">next →</a>{% endif %}
<span class="meta">showing {{ offset + 1 if rows else 0 }}–{{ offset + rows|length }} of
  {{ total }}</span></p>

<h2 id="statements-heading">The statements these printings print, earliest first</h2>
<table id="speaker-statements" aria-labelledby="statements-heading">
  <thead><tr><th scope="col">First seen</th><th scope="col">Statement</th>
    <th scope="col" class="num">Quotes</th><th scope="col" class="num">Outlets</th>
    <th scope="col">How faithfully</th></tr></thead>
  <tbody>
{% for st in window.statements %}
    <tr><td class="date">{{ date_label(st.first_seen) }}</td>
      <td><a href="{{ link('statements', st.id) }}">{{ st.text }}</a></td>
      <td class="num">{{ st.quote_count }}</td><td class="num">{{ st.outlets }}</td>
      {%- set printed = st.mutations.values()|sum %}
      <td><span class="bar" aria-hidden="true">
        {%- for m, n in st.mutations.items() -%}
        <span style="background: {{ color(m) }}; width: {{ (100 * n / printed)|round(1) }}%">
        </span>{% endfor -%}
        </span>{{ st.faithful }} of {{ printed }} faithful
        <span class="meta">({% for m, n in st.mutations.items() -%}
          {{ n }} {{ m }}{{ ", " if not loop.last }}{% endfor %})</span></td></tr>
{% endfor %}
  </tbody>
</table>
{% endblock %}
"""
