"""Jinja templates of the index, article and speaker pages (autoescaped; no external resource).

Kept in a Python module so they ship in any wheel. The statement page has its own template
(`_page_template`), rendered through pyvis.
"""

from quotetrail.viz._article_template import ARTICLE
from quotetrail.viz._console_template import CONSOLE
from quotetrail.viz._speaker_template import SPEAKER

_BASE = r"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>quotetrail: {% block title %}{% endblock %}</title>
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0;
         color: #1f2328; line-height: 1.45; }
  nav.site { background: #2F3640; padding: .5rem 1.5rem; }
  nav.site a { color: #fff; text-decoration: none; font-weight: 600; margin-right: 1.2rem; }
  main { margin: 1.2rem 1.5rem 3rem; max-width: 75rem; }
  h1 { font-size: 1.35rem; margin: 0 0 .3rem 0; }
  h2 { font-size: 1.1rem; margin: 1.8rem 0 .5rem; }
  .meta { color: #57606a; font-size: .9rem; margin: .2rem 0; }
  table { border-collapse: collapse; width: 100%; font-size: .92rem; }
  caption { text-align: left; font-weight: 600; margin-bottom: .4rem; }
  th, td { border-bottom: 1px solid #d0d7de; padding: .35rem .5rem; text-align: left;
           vertical-align: top; }
  th { background: #f6f8fa; }
  td.date { white-space: nowrap; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  a { color: #0550ae; }
  .legend { list-style: none; padding: 0; margin: .8rem 0; display: flex; flex-wrap: wrap;
            gap: .3rem 1.1rem; font-size: .88rem; }
  .legend li { display: flex; align-items: center; gap: .35rem; }
  .swatch { display: inline-block; width: .85rem; height: .85rem; border-radius: 50%;
            border: 1px solid #333; vertical-align: middle; }
  form.search { margin: 1rem 0; display: flex; gap: .5rem; }
  form.search input[type=search] { flex: 1 1 auto; max-width: 36rem; font-size: 1rem;
                                   padding: .35rem .5rem; }
  .cols { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr));
          gap: 0 2rem; }
  .pager a { margin-right: 1rem; }
  code { font-size: .85em; overflow-wrap: anywhere; }
  .article-text { white-space: pre-wrap; font-family: Georgia, "Times New Roman", serif;
                  font-size: 1.05rem; line-height: 1.65; max-width: 48rem; padding: 1rem 1.2rem;
                  border: 1px solid #d0d7de; border-radius: 6px; background: #fff; }
  .article-text .q { color: inherit; text-decoration: none; border-radius: 2px;
                     border-bottom: 3px solid var(--qc); background: var(--qbg); }
  .article-text a.q:hover, .article-text a.q:focus { outline: 2px solid #1f2328; }
  .article-text mark.q { --qc: #999999; --qbg: #eeeeee; }
  .article-text .q.unattributed { border-bottom-style: dashed; outline: 1px dashed #cf222e;
                                  outline-offset: 1px; }
  .article-text .q[data-speaker]::after { content: attr(data-speaker); font: 600 .68rem/1
      system-ui, sans-serif; color: #1f2328; background: #fff; border: 1px solid var(--qc);
      border-radius: 3px; padding: 1px 4px; margin-left: 3px; vertical-align: super;
      white-space: nowrap; }
  .article-text .q.unattributed[data-speaker]::after { color: #cf222e; border-color: #cf222e;
      border-style: dashed; }
  .bar { display: inline-flex; height: .8rem; width: 8rem; border: 1px solid #d0d7de;
         vertical-align: middle; margin-right: .4rem; }
  .bar span { display: block; height: 100%; }
  .sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
             overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
</style>
{% block head %}{% endblock %}
</head>
<body>
<nav class="site" aria-label="Site"><a href="/">quotetrail</a><a href="/cypher">Query</a>
  <a href="/docs">API</a></nav>
<main>
{% block content %}{% endblock %}
</main>
</body>
</html>
"""

_LEGEND = r"""<ul class="legend" aria-label="Legend of mutation kinds">
{% for item in legend %}
  <li><span class="swatch" style="background: {{ item.color }}" aria-hidden="true"></span>
    <strong>{{ item.mutation }}</strong>: {{ item.meaning }}</li>
{% endfor %}
</ul>
"""

_DOWNLOADS = r"""{% macro links(items, what="Download") -%}
<p class="meta exports">{{ what }}: {% for item in items %}<a href="{{ item.href }}" download>
  {{- item.label }}</a>{{ " · " if not loop.last }}{% endfor %}</p>
{%- endmacro %}
"""

_INDEX = r"""{% extends "base.html" %}
{% import "downloads.html" as dl %}
{% block title %}{{ "search: " ~ q if q else "index" }}{% endblock %}
{% block content %}
<h1>Where did this quote come from?</h1>
<p class="meta" id="counts">{{ counts.statements }} statements · {{ counts.quotes }} quotes ·
  {{ counts.articles }} articles · {{ counts.speakers }} speakers · {{ counts.outlets }} outlets</p>
<form class="search" method="get" action="/" role="search">
  <label class="sr-only" for="q">Words of a quote</label>
  <input type="search" id="q" name="q" value="{{ q or '' }}"
         placeholder="words of a quote, e.g. the new normal">
  <button type="submit">Search</button>
</form>

<h2 id="statements-heading">{% if q %}Statements matching “{{ q }}” ({{ page.total }})
  {%- else %}Statements by spread ({{ page.total }}){% endif %}</h2>
{{ dl.links(export_links("/tables", "statements", ("csv", "json"),
                          "?" ~ {"q": q or "", "offset": page.offset}|urlencode)) }}
{% if page.items %}
<table id="statements" aria-labelledby="statements-heading">
  <thead><tr><th scope="col">Statement</th><th scope="col">Speaker</th>
    <th scope="col" class="num">Quotes</th></tr></thead>
  <tbody>
{% for st in page.items %}
    <tr><td><a href="{{ link('statements', st.id) }}">{{ st.text }}</a></td>
      <td>{% if speaker_ids.get(st.speaker) -%}
        <a href="{{ link('speakers', speaker_ids[st.speaker]) }}">{{ st.speaker }}</a>
        {%- else %}{{ st.speaker or "unattributed" }}{% endif %}</td>
      <td class="num">{{ st.quote_count }}</td></tr>
{% endfor %}
  </tbody>
</table>
<p class="pager">
{% if page.offset > 0 -%}
  <a href="{{ pager(page.offset - page.limit) }}">← previous</a>{% endif %}
{% if page.offset + page.limit < page.total -%}
  <a href="{{ pager(page.offset + page.limit) }}">next →</a>{% endif %}
<span class="meta">showing {{ page.offset + 1 }}–{{ page.offset + page.items|length }}
  of {{ page.total }}</span>
</p>
{% else %}
<p>No statement matches. Try fewer or other words.</p>
{% endif %}

<div class="cols">
<section>
<h2 id="speakers-heading">Speakers (the {{ speakers.items|length }} most quoted of
  {{ speakers.total }})</h2>
{{ dl.links(export_links("/tables", "speakers", ("csv", "json"))) }}
<table id="speakers" aria-labelledby="speakers-heading">
  <thead><tr><th scope="col">Speaker</th><th scope="col" class="num">Statements</th>
    <th scope="col" class="num">Quotes</th><th scope="col" class="num">Outlets</th></tr></thead>
  <tbody>
{% for sp in speakers.items %}
    <tr><td><a href="{{ link('speakers', sp.id) }}">{{ sp.name }}</a>
      {%- if sp.role %}<br><span class="meta">{{ sp.role }}</span>{% endif %}</td>
      <td class="num">{{ sp.statements }}</td><td class="num">{{ sp.quotes }}</td>
      <td class="num">{{ sp.outlets }}</td></tr>
{% endfor %}
  </tbody>
</table>
</section>
<section>
<h2 id="outlets-heading">Outlets (the {{ outlets.items|length }} most quoting of
  {{ outlets.total }})</h2>
{{ dl.links(export_links("/tables", "outlets", ("csv", "json"))) }}
<table id="outlets" aria-labelledby="outlets-heading">
  <thead><tr><th scope="col">Outlet</th><th scope="col">Domain</th>
    <th scope="col" class="num">Articles</th><th scope="col" class="num">Quotes</th></tr></thead>
  <tbody>
{% for o in outlets.items %}
    <tr><td>{{ o.name or o.id }}</td><td>{{ o.domain or "" }}</td>
      <td class="num">{{ o.articles }}</td><td class="num">{{ o.quotes }}</td></tr>
{% endfor %}
  </tbody>
</table>
</section>
</div>

<h2 id="articles-heading">Articles (the {{ articles.items|length }} newest of
  {{ articles.total }})</h2>
{{ dl.links(export_links("/tables", "articles", ("csv", "json"))) }}
<table id="articles" aria-labelledby="articles-heading">
  <thead><tr><th scope="col">Date</th><th scope="col">Outlet</th><th scope="col">Title</th>
    <th scope="col">Kind</th><th scope="col" class="num">Quotes</th></tr></thead>
  <tbody>
{% for a in articles.items %}
    <tr><td class="date">{{ date_label(a.published) }}</td>
      <td>{{ a.outlet or "unknown outlet" }}</td>
      <td><a href="{{ link('articles', a.id) }}">{{ a.title or "(untitled)" }}</a></td>
      <td>{{ a.kind }}</td><td class="num">{{ a.quotes }}</td></tr>
{% endfor %}
  </tbody>
</table>
{% endblock %}
"""

TEMPLATES = {
    "base.html": _BASE,
    "legend.html": _LEGEND,
    "downloads.html": _DOWNLOADS,
    "index.html": _INDEX,
    "article.html": ARTICLE,
    "speaker.html": SPEAKER,
    "console.html": CONSOLE,
}
