/* Jiesu analytics dashboard: one call to /api/v1/dashboard (bearer token from localStorage), drawn with ECharts. */
(function () {
  'use strict';
  var KEY = 'jiesu.analytics.token';
  window.__dashboard = { rendered: false, charts: {}, error: null };

  var m = /(?:^#|&)token=([^&]+)/.exec(location.hash || '');
  if (m) {
    localStorage.setItem(KEY, decodeURIComponent(m[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }

  function status(text) { document.getElementById('status').textContent = text; }
  function askToken(msg) {
    status(msg);
    document.getElementById('login').style.display = 'block';
  }
  document.getElementById('token-save').onclick = function () {
    localStorage.setItem(KEY, document.getElementById('token-input').value.trim());
    location.reload();
  };

  function chart(id, option, points) {
    var el = document.getElementById(id);
    var c = echarts.getInstanceByDom(el) || echarts.init(el);
    option.animation = false; // a dashboard, drawn at once (also what a headless check or a screenshot sees)
    c.setOption(option, true);
    window.__dashboard.charts[id] = points;
    window.addEventListener('resize', function () { c.resize(); });
    return c;
  }
  function esc(s) { return String(s == null ? '' : s).replace(/[&<>"]/g, function (ch) {
    return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[ch]; }); }

  function render(d) {
    // every day of the period, zeros included
    var perDay = {}, days = [];
    d.trend.forEach(function (r) { perDay[r.key] = r.count; });
    for (var t = Date.parse(d.from + 'T00:00:00Z'), end = Date.parse(d.to + 'T00:00:00Z'); t <= end; t += 86400000) {
      days.push(new Date(t).toISOString().substring(0, 10));
    }
    chart('chart-trend', {
      tooltip: { trigger: 'axis' }, grid: { left: 40, right: 20, top: 20, bottom: 30 },
      xAxis: { type: 'category', data: days },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ name: 'appeals', type: 'line', smooth: true, areaStyle: {}, data: days.map(function (k) { return perDay[k] || 0; }) }]
    }, d.trend.length);

    var items = d.districtCategory.items;
    var cats = [], dists = [], names = {};
    items.forEach(function (i) {
      if (cats.indexOf(i.categoryName) < 0 && cats.length < 12) cats.push(i.categoryName);
      if (i.areaCode && dists.indexOf(i.areaCode) < 0) { dists.push(i.areaCode); names[i.areaCode] = i.areaName; }
    });
    var heat = [], max = 1;
    items.forEach(function (i) {
      var x = cats.indexOf(i.categoryName), y = dists.indexOf(i.areaCode);
      if (x >= 0 && y >= 0) { heat.push([x, y, i.count]); max = Math.max(max, i.count); }
    });
    chart('chart-heat', {
      tooltip: { position: 'top' }, grid: { left: 80, right: 20, top: 10, bottom: 70 },
      xAxis: { type: 'category', data: cats, axisLabel: { rotate: 40 } },
      yAxis: { type: 'category', data: dists.map(function (c) { return names[c]; }) },
      visualMap: { min: 0, max: max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 80 },
      series: [{ name: 'appeals', type: 'heatmap', data: heat, label: { show: true } }]
    }, heat.length);

    var top = d.topProblems.items;
    chart('chart-top', {
      tooltip: { trigger: 'axis', formatter: function (p) {
        var i = top[p[0].dataIndex];
        return esc(i.categoryName) + ': ' + i.count + ' (previous ' + i.previousCount + ', growth '
          + (i.growth == null ? 'new' : Math.round(i.growth * 100) + '%') + ')'; } },
      grid: { left: 90, right: 30, top: 10, bottom: 30 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: top.map(function (i) { return i.categoryName; }) },
      series: [{ name: 'appeals', type: 'bar', data: top.map(function (i) { return i.count; }),
        label: { show: true, position: 'right', formatter: function (p) { var g = top[p.dataIndex].growth;
          return p.value + (g == null ? ' 新' : ' ' + (g >= 0 ? '+' : '') + Math.round(g * 100) + '%'); } } }]
    }, top.length);

    var scores = (d.rankings.scores || []).slice().sort(function (a, b) { return (a.rank || 1e9) - (b.rank || 1e9); }).slice(0, 15);
    document.getElementById('ranking-period').textContent = d.rankings.period ? '(' + d.rankings.period + ')' : '(none published yet)';
    chart('chart-ranking', {
      tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 120, right: 30, top: 30, bottom: 30 },
      xAxis: { type: 'value', max: 100 },
      yAxis: { type: 'category', inverse: true, data: scores.map(function (s) { return (s.rank || '-') + '. ' + s.unitName; }) },
      series: [{ name: 'composite', type: 'bar', data: scores.map(function (s) { return s.composite; }) }]
    }, scores.length);

    var kinds = {};
    d.riskAlerts.forEach(function (a) { kinds[a.kind] = (kinds[a.kind] || 0) + 1; });
    var kindData = Object.keys(kinds).map(function (k) { return { name: k, value: kinds[k] }; });
    chart('chart-risk', {
      tooltip: { trigger: 'item' }, legend: { orient: 'vertical', left: 0 },
      series: [{ name: 'open alerts', type: 'pie', radius: ['35%', '70%'], center: ['65%', '50%'], data: kindData }]
    }, kindData.length);
    document.querySelector('#risk-table tbody').innerHTML = d.riskAlerts.slice(0, 20).map(function (a) {
      return '<tr><td>' + esc(a.kind) + '</td><td>' + esc(a.areaName) + '</td><td>' + esc(a.categoryCode) + '</td><td>'
        + esc(a.caseIds.join(', ')) + '</td><td>' + esc(a.evidence) + '</td></tr>';
    }).join('');

    var dims = d.dimensions.dimensions, counts = {}, q = {};
    d.dimensions.trend.forEach(function (t) { counts[t.dimensionCode] = (counts[t.dimensionCode] || 0) + t.appeals; });
    d.dimensions.quality.forEach(function (r) { q[r.dimensionCode] = r; });
    chart('chart-dimensions', {
      tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 40, right: 40, top: 30, bottom: 50 },
      xAxis: { type: 'category', data: dims.map(function (x) { return x.name; }), axisLabel: { rotate: 30 } },
      yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', max: 1 }],
      series: [
        { name: 'appeals', type: 'bar', data: dims.map(function (x) { return counts[x.code] || 0; }) },
        { name: 'resolution', type: 'line', yAxisIndex: 1, data: dims.map(function (x) { return q[x.code] ? q[x.code].resolutionRate : null; }) },
        { name: 'satisfaction', type: 'line', yAxisIndex: 1, data: dims.map(function (x) { return q[x.code] ? q[x.code].satisfactionRate : null; }) }]
    }, dims.filter(function (x) { return counts[x.code]; }).length);

    var ds = d.dimensions.districts;
    chart('chart-per10k', {
      tooltip: { trigger: 'axis' }, grid: { left: 50, right: 20, top: 20, bottom: 60 },
      xAxis: { type: 'category', data: ds.map(function (x) { return x.name; }), axisLabel: { rotate: 40 } },
      yAxis: { type: 'value' },
      series: [{ name: 'per 10,000 residents', type: 'bar', data: ds.map(function (x) { return x.per10k; }) }]
    }, ds.filter(function (x) { return x.appeals > 0; }).length);

    status(d.from + ' — ' + d.to);
    window.__dashboard.rendered = true;
  }

  var token = localStorage.getItem(KEY);
  if (!token) { askToken('token needed'); return; }
  fetch('/api/v1/dashboard', { headers: { Authorization: 'Bearer ' + token } }).then(function (r) {
    if (r.status === 401 || r.status === 403) { localStorage.removeItem(KEY); throw new Error('token refused (' + r.status + ')'); }
    if (!r.ok) throw new Error('HTTP ' + r.status);
    return r.json();
  }).then(render).catch(function (e) {
    window.__dashboard.error = String(e);
    askToken('could not load: ' + e.message);
  });
})();
