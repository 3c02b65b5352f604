"""The statement page's DERIVED_FROM router: JavaScript that runs in the page once vis-network
has measured the labels (the first draw), and gives each arrow a course around every label.

vis-network draws only its own smooth shapes, and on a page of 60 prints copied from one
source no shape clears every label (about half of them crossed one). So each arrow gets
the shortest course through a visibility graph over the label boxes: the corners of every
box grown by a margin are the way points; a step between two points is allowed when it
enters no box; Dijkstra finds the course, then the course is pulled taut. An arrow's own
two nodes are obstacles too, by their label only (the arrow leaves and enters their dot).

The course is handed to vis-network through the edge's own drawing object: `getPoint`,
`_line`, `_findBorderPosition`, `_getDistanceToEdge` and the arrow head's angle follow the
polyline, so the drawn course, the hover tooltip's hit test and what a test samples
through `edgeType.getPoint` are one thing. Those are vis-network 9.1.2 internals (the
version pyvis bundles and this page inlines); a newer vis-network may need them checked.

An arrow no course clears keeps vis-network's own shape. Past ROUTE_MAX nodes the page
keeps vis-network's shapes for all arrows: the graph grows with the square of the nodes.
"""

from markupsafe import Markup

ROUTE_MAX = 200  # nodes: above, arrows keep vis-network's own shapes (routing 280 took 1.8 s)

_JS = r"""
var qtArrows = (function () {
  "use strict";
  var PAD = 6;        // canvas px kept clear around every label box
  var REACH = 480;    // canvas px: way points further apart are joined through others
  var BEND = 4;       // cost of one more bend, in px of course

  function grow(b, d) {
    return {left: b.left - d, top: b.top - d, right: b.right + d, bottom: b.bottom + d};
  }
  function inside(p, r) {
    return p.x > r.left && p.x < r.right && p.y > r.top && p.y < r.bottom;
  }
  function dist(a, b) { return Math.hypot(a.x - b.x, a.y - b.y); }
  // Liang-Barsky: whether the segment a-b passes through the inside of r
  function enters(a, b, r) {
    if (Math.max(a.x, b.x) <= r.left || Math.min(a.x, b.x) >= r.right ||
        Math.max(a.y, b.y) <= r.top || Math.min(a.y, b.y) >= r.bottom) { return false; }
    var dx = b.x - a.x, dy = b.y - a.y, t0 = 0, t1 = 1;
    var p = [-dx, dx, -dy, dy], q = [a.x - r.left, r.right - a.x, a.y - r.top, r.bottom - a.y];
    for (var i = 0; i < 4; i++) {
      if (p[i] === 0) {
        if (q[i] <= 0) { return false; }
      } else {
        var t = q[i] / p[i];
        if (p[i] < 0) { if (t > t1) { return false; } if (t > t0) { t0 = t; } }
        else { if (t < t0) { return false; } if (t < t1) { t1 = t; } }
      }
    }
    return t1 - t0 > 1e-9;
  }
  function clear(a, b, rects) {
    for (var i = 0; i < rects.length; i++) { if (enters(a, b, rects[i])) { return false; } }
    return true;
  }
  function corners(r) {
    return [{x: r.left, y: r.top}, {x: r.right, y: r.top},
            {x: r.left, y: r.bottom}, {x: r.right, y: r.bottom}];
  }

  // Every node's box (label included) and, for a dot, its label's box alone.
  function boxes(network) {
    var out = {};
    network.body.data.nodes.getIds().forEach(function (id) {
      var node = network.body.nodes[id], b = network.getBoundingBox(id);
      var full = {left: b.left, top: b.top, right: b.right, bottom: b.bottom};
      var label = full;
      if (node.options.shape === "dot") {
        var below = node.y + node.options.size + node.options.borderWidth + 1;
        label = {left: b.left, top: Math.max(b.top, below), right: b.right, bottom: b.bottom};
      }
      out[id] = {full: full, label: label};
    });
    return out;
  }

  // The way points every arrow may use, and which pairs see each other past every box.
  function sharedGraph(boxed) {
    var rects = [], points = [];
    Object.keys(boxed).forEach(function (id) { rects.push(grow(boxed[id].full, PAD)); });
    Object.keys(boxed).forEach(function (id) {
      corners(grow(boxed[id].full, PAD + 0.5)).forEach(function (p) {
        if (rects.every(function (r) { return !inside(p, r); })) { points.push(p); }
      });
    });
    var links = points.map(function () { return []; });
    for (var i = 0; i < points.length; i++) {
      for (var j = i + 1; j < points.length; j++) {
        var d = dist(points[i], points[j]);
        if (d <= REACH && clear(points[i], points[j], rects)) {
          links[i].push([j, d]);
          links[j].push([i, d]);
        }
      }
    }
    return {points: points, links: links};
  }

  function shortest(points, neighbours, from, to) {
    var cost = points.map(function () { return Infinity; }), back = [], heap = [[0, from]];
    cost[from] = 0;
    while (heap.length) {
      var top = heap[0], last = heap.pop();
      if (heap.length) { heap[0] = last; sink(heap, 0); }
      var c = top[0], i = top[1];
      if (c > cost[i]) { continue; }
      if (i === to) { break; }
      neighbours(i).forEach(function (link) {
        var next = c + link[1] + BEND;
        if (next < cost[link[0]]) {
          cost[link[0]] = next;
          back[link[0]] = i;
          heap.push([next, link[0]]);
          rise(heap, heap.length - 1);
        }
      });
    }
    if (cost[to] === Infinity) { return null; }
    var path = [to];
    while (path[0] !== from) { path.unshift(back[path[0]]); }
    return path.map(function (k) { return points[k]; });
  }
  function rise(h, i) {
    while (i > 0) {
      var up = (i - 1) >> 1;
      if (h[up][0] <= h[i][0]) { return; }
      var t = h[up]; h[up] = h[i]; h[i] = t; i = up;
    }
  }
  function sink(h, i) {
    for (;;) {
      var l = 2 * i + 1, r = l + 1, m = i;
      if (l < h.length && h[l][0] < h[m][0]) { m = l; }
      if (r < h.length && h[r][0] < h[m][0]) { m = r; }
      if (m === i) { return; }
      var t = h[m]; h[m] = h[i]; h[i] = t; i = m;
    }
  }

  // The course of one arrow: the shared graph, plus the two dots and their labels' corners.
  function course(shared, boxed, edge) {
    var rects = [];
    Object.keys(boxed).forEach(function (id) {
      var own = id === edge.fromId || id === edge.toId;
      rects.push(grow(own ? boxed[id].label : boxed[id].full, PAD));
    });
    var start = {x: edge.from.x, y: edge.from.y}, end = {x: edge.to.x, y: edge.to.y};
    var extra = [start, end];
    [edge.fromId, edge.toId].forEach(function (id) {
      corners(grow(boxed[id].label, PAD + 0.5)).forEach(function (p) {
        if (rects.every(function (r) { return !inside(p, r); })) { extra.push(p); }
      });
    });
    var points = shared.points.concat(extra), base = shared.points.length;
    var added = extra.map(function () { return []; }), into = {};
    extra.forEach(function (p, e) {
      for (var k = 0; k < points.length; k++) {
        var d = dist(p, points[k]);
        if (k !== base + e && (d <= REACH || k >= base) && clear(p, points[k], rects)) {
          added[e].push([k, d]);
          if (k < base) { (into[k] = into[k] || []).push([base + e, d]); }
        }
      }
    });
    function neighbours(i) {
      if (i >= base) { return added[i - base]; }
      return into[i] ? shared.links[i].concat(into[i]) : shared.links[i];
    }
    var path = shortest(points, neighbours, base, base + 1);
    return path && taut(path, rects);
  }

  // Drop every way point the course can go straight past.
  function taut(path, rects) {
    var out = [path[0]], i = 0;
    while (i < path.length - 1) {
      var j = path.length - 1;
      while (j > i + 1 && !clear(path[i], path[j], rects)) { j--; }
      out.push(path[j]);
      i = j;
    }
    return out;
  }

  // vis-network's drawing object of one edge follows the polyline `pts`.
  function follow(edge, pts) {
    var type = edge.edgeType, proto = Object.getPrototypeOf(type), lengths = [0];
    for (var i = 1; i < pts.length; i++) {
      lengths.push(lengths[i - 1] + dist(pts[i - 1], pts[i]));
    }
    var total = lengths[lengths.length - 1] || 1, n = pts.length;
    type.getPoint = function (t) {
      var d = Math.max(0, Math.min(1, t)) * total, k = 1;
      while (k < n - 1 && lengths[k] < d) { k++; }
      var a = pts[k - 1], b = pts[k];
      var s = (d - lengths[k - 1]) / ((lengths[k] - lengths[k - 1]) || 1);
      return {x: a.x + (b.x - a.x) * s, y: a.y + (b.y - a.y) * s};
    };
    type._line = function (ctx, values) {
      ctx.beginPath();
      ctx.moveTo(pts[0].x, pts[0].y);
      for (var k = 1; k < n; k++) { ctx.lineTo(pts[k].x, pts[k].y); }
      this.enableShadow(ctx, values);
      ctx.stroke();
      this.disableShadow(ctx, values);
    };
    type._getDistanceToEdge = function (x1, y1, x2, y2, x3, y3) {
      var best = Infinity;
      for (var k = 1; k < n; k++) {
        best = Math.min(best, this._getDistanceToLine(pts[k - 1].x, pts[k - 1].y,
                                                      pts[k].x, pts[k].y, x3, y3));
      }
      return best;
    };
    function endSegment(node) {
      return node.id === edge.toId ? [pts[n - 2], pts[n - 1], true] : [pts[1], pts[0], false];
    }
    type._findBorderPosition = function (node, ctx) {
      var seg = endSegment(node), a = seg[0], b = seg[1];
      var angle = Math.atan2(b.y - a.y, b.x - a.x);
      var back = Math.min(node.distanceToBorder(ctx, angle), dist(a, b));
      return {x: b.x - back * Math.cos(angle), y: b.y - back * Math.sin(angle),
              t: seg[2] ? (total - back) / total : back / total};
    };
    type.getArrowData = function (ctx, position, via, selected, hover, values) {
      var data = proto.getArrowData.call(this, ctx, position, via, selected, hover, values);
      if (position === "to" || position === "from") {  // head along the end segment
        var seg = endSegment(position === "to" ? edge.to : edge.from);
        data.angle = Math.atan2(seg[1].y - seg[0].y, seg[1].x - seg[0].x);
        data.core = {x: data.point.x - 0.9 * data.length * Math.cos(data.angle),
                     y: data.point.y - 0.9 * data.length * Math.sin(data.angle)};
      }
      return data;
    };
  }

  // Route every dashed edge (DERIVED_FROM); returns how many were routed and how many not.
  function route(network, maxNodes) {
    var data = network.body.data, done = {routed: 0, kept: 0};
    var ids = data.edges.getIds().filter(function (id) { return data.edges.get(id).dashes; });
    if (!ids.length || data.nodes.length > maxNodes) { done.kept = ids.length; return done; }
    var boxed = boxes(network), shared = sharedGraph(boxed);
    ids.forEach(function (id) {
      var edge = network.body.edges[id];
      var pts = edge && edge.from !== edge.to ? course(shared, boxed, edge) : null;
      if (pts) { follow(edge, pts); done.routed++; } else { done.kept++; }
    });
    network.redraw();
    return done;
  }
  return {route: route};
})();
"""


def router_js() -> Markup:
    """The router's script (our own constant code, so safe to inline as it is)."""
    return Markup(_JS)
