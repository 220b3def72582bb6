/* The analytics dashboard inside the console: the data comes from the console itself (same origin, the session
   cookie), which asks analytics with the signed-in person's token; nothing here holds or sends a token. */
(function () {
  'use strict';
  var board = document.getElementById('dashboard');
  window.__deskDashboard = { rendered: false, error: null };

  function draw(id, option) {
    var el = document.getElementById(id);
    var c = echarts.init(el);
    option.animation = false;
    c.setOption(option);
    window.addEventListener('resize', function () { c.resize(); });
  }
  function bars(id, labels, values, horizontal) {
    var cat = { type: 'category', data: labels, inverse: !!horizontal, axisLabel: { interval: 0, rotate: horizontal ? 0 : 40 } };
    var val = { type: 'value', minInterval: 1 };
    draw(id, {
      tooltip: { trigger: 'axis' }, grid: { left: horizontal ? 110 : 40, right: 30, top: 10, bottom: horizontal ? 25 : 70 },
      xAxis: horizontal ? val : cat, yAxis: horizontal ? cat : val,
      series: [{ type: 'bar', data: values, label: { show: !!horizontal, position: 'right' } }]
    });
  }

  function render(d) {
    var names = d.names || {};
    function name(code) { return names[code] || code; }
    var perDay = {}, days = [];
    d.trend.forEach(function (r) { perDay[r.key] = r.count; });
    for (var t = Date.parse(d.from + 'T00:00:00Z'), end = Date.parse(d.to + 'T00:00:00Z'); t <= end; t += 86400000) {
      days.push(new Date(t).toISOString().substring(0, 10)); // every day of the period, quiet ones as 0
    }
    draw('dash-trend', {
      tooltip: { trigger: 'axis' }, grid: { left: 40, right: 20, top: 10, bottom: 30 },
      xAxis: { type: 'category', data: days },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'line', smooth: true, areaStyle: {}, data: days.map(function (k) { return perDay[k] || 0; }) }]
    });
    var dist = d.byDistrict.slice().sort(function (a, b) { return b.count - a.count; });
    bars('dash-districts', dist.map(function (r) { return name(r.key); }), dist.map(function (r) { return r.count; }));
    var top = d.topProblems.items || [];
    bars('dash-top', top.map(function (i) { return i.categoryName; }), top.map(function (i) { return i.count; }), true);
    draw('dash-channels', {
      tooltip: { trigger: 'item' }, legend: { orient: 'vertical', left: 0 },
      series: [{ type: 'pie', radius: ['35%', '70%'], center: ['60%', '50%'],
        data: d.byChannel.map(function (r) { return { name: name(r.key), value: r.count }; }) }]
    });
    var scores = ((d.rankings && d.rankings.scores) || []).filter(function (s) { return s.rank; })
      .sort(function (a, b) { return a.rank - b.rank; }).slice(0, 10);
    bars('dash-rankings', scores.map(function (s) { return s.rank + '. ' + (s.unitName || s.unitCode); }),
      scores.map(function (s) { return s.composite; }), true);
    document.getElementById('dash-status').textContent = d.from + ' — ' + d.to;
    window.__deskDashboard.rendered = true;
  }

  // the page's CSRF token goes along, as htmx sends it (the console's token stays the same for the browser's cookie)
  var headers = JSON.parse(document.body.getAttribute('hx-headers') || '{}');
  headers.Accept = 'application/json';
  fetch(board.dataset.source, { credentials: 'same-origin', headers: headers })
    .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); })
    .then(render)
    .catch(function (e) {
      window.__deskDashboard.error = String(e);
      var box = document.getElementById('dash-error');
      box.querySelector('span').textContent = e.message;
      box.hidden = false;
    });
})();
