"""The query console's template: a textarea, JSON parameters, the README's examples, and
results as a table (and a small graph when rows hold nodes and relationships).

The page calls `POST /api/cypher` (read-only, bounded) with `fetch`; every value of a result
or an error is written with `textContent`, never as HTML. Listeners are attached with
`addEventListener` (no inline handlers), so a Content-Security-Policy that allows only the
page's own scripts (by hash) and same-origin files works. vis-network comes from the app
(`viz/assets.py`), as on a statement page.
"""

CONSOLE = r"""{% extends "base.html" %}
{% block title %}query console{% endblock %}
{% block head %}<link rel="stylesheet" href="{{ vis.css }}">
<style>
  #query, #params { width: 100%; font-family: ui-monospace, Menlo, Consolas, monospace;
                    font-size: .9rem; box-sizing: border-box; }
  .examples { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem; }
  .examples button, #run { font-size: .88rem; }
  #error { color: #82071e; background: #ffebe9; padding: .5rem .75rem; border-radius: 6px; }
  #result-graph { height: 420px; border: 1px solid #d0d7de; border-radius: 6px; margin: .6rem 0; }
  #result-table td { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .82rem;
                     white-space: pre-wrap; overflow-wrap: anywhere; }
</style>{% endblock %}
{% block content %}
<h1>Query the graph</h1>
<p class="meta" id="limits">Read-only Cypher through <code>POST /api/cypher</code>: a query that
  would write is refused; each query stops after {{ "%g"|format(time_limit) }} s and returns at
  most {{ row_cap }} rows (the page says when the cap cut a result). The graph's contract (labels,
  properties, relationships) is in the README.</p>
<h2 id="examples-heading">Examples from the README</h2>
<ul class="examples" aria-labelledby="examples-heading">
{% for ex in examples %}
  <li><button type="button" class="example" data-index="{{ loop.index0 }}">
    {{- ex.title }}</button></li>
{% endfor %}
</ul>
<form id="console" autocomplete="off">
  <label for="query"><strong>Cypher</strong></label>
  <textarea id="query" rows="8" spellcheck="false">{{ examples[0].query if examples }}</textarea>
  <label for="params"><strong>Parameters</strong> <span class="meta">(a JSON object, used as
    <code>$name</code> in the query)</span></label>
  <textarea id="params" rows="2" spellcheck="false">{}</textarea>
  <p><button type="submit" id="run">Run (Ctrl+Enter)</button>
    <span class="meta" id="status" aria-live="polite"></span></p>
</form>
<div id="error" role="alert" hidden></div>
<div id="result-graph" hidden aria-label="The nodes and relationships of the result"></div>
<table id="result-table" hidden><thead></thead><tbody></tbody></table>
<script type="application/json" id="qt-examples">{{ examples_json|tojson }}</script>
<script src="{{ vis.js }}"></script>
<script>
(function () {
  "use strict";
  var examples = JSON.parse(document.getElementById("qt-examples").textContent);
  var $ = function (id) { return document.getElementById(id); };
  var graph = null;

  function el(tag, text) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function isNode(v) { return v && typeof v === "object" && Array.isArray(v.labels); }
  function isRel(v) { return v && typeof v === "object" && !Array.isArray(v) &&
                             typeof v.type === "string" && !isNode(v); }
  function isPath(v) { return v && typeof v === "object" && Array.isArray(v.nodes) &&
                              Array.isArray(v.relationships); }
  function cell(v) {
    if (v === null || v === undefined) { return ""; }
    return typeof v === "object" ? JSON.stringify(v) : String(v);
  }
  function nodeKey(n) {
    var rest = {};
    Object.keys(n).forEach(function (k) { if (k !== "labels") { rest[k] = n[k]; } });
    return n.labels.join(":") + "|" + (n.id !== undefined ? n.id : JSON.stringify(rest));
  }
  function nodeLabel(n) {
    var t = n.name || n.title || n.text || n.id || n.labels.join(":");
    t = String(t);
    var short = t.length > 40 ? t.slice(0, 39) + "\u2026" : t;
    return (n.labels[0] ? n.labels[0] + ": " : "") + short;
  }
  var colors = {Statement: "#2F3640", Quote: "#56B4E9", Speaker: "#E69F00",
                Article: "#009E73", Outlet: "#CC79A7"};

  function toGraph(rows, columns) {
    var nodes = {}, edges = [];
    function addNode(n) {
      var key = nodeKey(n);
      if (!nodes[key]) {
        nodes[key] = {id: key, label: nodeLabel(n), title: JSON.stringify(n, null, 1),
                      color: colors[n.labels[0]] || "#999999", shape: "dot", size: 10,
                      font: {background: "rgba(255,255,255,0.9)"}};
      }
      return key;
    }
    function addEdge(from, rel, to) {
      if (from && to) {
        edges.push({from: from, to: to, label: rel.type, arrows: "to",
                    title: JSON.stringify(rel, null, 1), font: {size: 10, align: "top"}});
      }
    }
    rows.forEach(function (row) {
      var previous = null, pending = null;
      columns.forEach(function (c) {
        var v = row[c];
        if (isPath(v)) {
          var keys = v.nodes.map(addNode);
          v.relationships.forEach(function (r, i) { addEdge(keys[i], r, keys[i + 1]); });
          previous = keys[keys.length - 1] || previous;
        } else if (isNode(v)) {
          var key = addNode(v);
          if (pending) { addEdge(previous, pending, key); pending = null; }
          previous = key;
        } else if (isRel(v)) {
          pending = v;  // drawn between the node columns on either side of it
        }
      });
    });
    return {nodes: Object.keys(nodes).map(function (k) { return nodes[k]; }), edges: edges};
  }
  function showGraph(data) {
    var box = $("result-graph");
    if (graph) { graph.destroy(); graph = null; }
    box.hidden = data.nodes.length === 0;
    if (box.hidden) { return; }
    graph = new vis.Network(box, {nodes: new vis.DataSet(data.nodes),
                                  edges: new vis.DataSet(data.edges)},
                            {physics: {stabilization: {iterations: 150}},
                             interaction: {hover: true}});
    window.resultGraph = graph;
  }
  function showTable(result) {
    var table = $("result-table"), head = table.tHead, body = table.tBodies[0];
    clear(head); clear(body);
    var tr = el("tr");
    result.columns.forEach(function (c) {
      var th = el("th", c);
      th.scope = "col";
      tr.appendChild(th);
    });
    head.appendChild(tr);
    result.rows.forEach(function (row) {
      var r = el("tr");
      result.columns.forEach(function (c) { r.appendChild(el("td", cell(row[c]))); });
      body.appendChild(r);
    });
    table.hidden = false;
  }
  function showError(text) {
    var box = $("error");
    box.textContent = text;
    box.hidden = false;
  }
  function run() {
    var params;
    $("error").hidden = true;
    try {
      params = JSON.parse($("params").value || "{}");
      if (params === null || typeof params !== "object" || Array.isArray(params)) {
        throw new Error("not an object");
      }
    } catch (e) {
      showError("The parameters are not a JSON object (write them as {\"name\": \"value\"}).");
      return;
    }
    $("status").textContent = "running\u2026";
    var started = performance.now();
    fetch("/api/cypher", {method: "POST", headers: {"Content-Type": "application/json"},
                          body: JSON.stringify({query: $("query").value, params: params})})
      .then(function (response) {
        return response.json().then(function (body) { return {ok: response.ok, body: body}; });
      })
      .then(function (answer) {
        var seconds = ((performance.now() - started) / 1000).toFixed(2);
        if (!answer.ok) {
          $("status").textContent = "";
          showError((answer.body.error || "error") + " (" + answer.body.status + "): " +
                    (answer.body.detail || JSON.stringify(answer.body)));
          return;
        }
        var result = answer.body;
        $("status").textContent = result.rows.length + " row" +
          (result.rows.length === 1 ? "" : "s") + " in " + seconds + " s" +
          (result.truncated ? " \u2014 cut at the row cap of " + result.row_cap : "");
        showTable(result);
        showGraph(toGraph(result.rows, result.columns));
      })
      .catch(function (e) { $("status").textContent = ""; showError("The request failed: " + e); });
  }
  $("console").addEventListener("submit", function (e) { e.preventDefault(); run(); });
  $("query").addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); }
  });
  Array.prototype.forEach.call(document.querySelectorAll("button.example"), function (b) {
    b.addEventListener("click", function () {
      var ex = examples[Number(b.getAttribute("data-index"))];
      $("query").value = ex.query;
      $("params").value = JSON.stringify(ex.params);
      run();
    });
  });
})();
</script>
{% endblock %}
"""
