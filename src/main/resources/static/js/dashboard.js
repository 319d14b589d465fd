// 统计看板: draws each chart from the JSON in #dashboard's data-stats (the same answers as /api/stats/*), with
// ECharts from the webjar. No inline script (CSP script-src 'self'). Every state is named in the legend, the
// tooltip and a decal pattern, never by colour alone; a click on a bar opens the units or issues behind it.
(function () {
  'use strict';
  var form = document.getElementById('stats-filters');
  if (form) {
    form.querySelectorAll('select').forEach(function (s) {
      s.addEventListener('change', function () { form.submit(); });
    });
  }
  var root = document.getElementById('dashboard');
  if (!root || typeof echarts === 'undefined') {
    return;
  }
  var data = JSON.parse(root.getAttribute('data-stats'));
  var filters = data.filters || {};
  var urls = {roster: root.getAttribute('data-roster'), unit: root.getAttribute('data-unit'),
    issues: root.getAttribute('data-issues')};
  var FONT = '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif';
  // the roster's status names (报送情况 ?status=…); 未报送 here is owed and nothing returned, as there
  var STATES = [
    {key: 'SUBMITTED', label: '已报送', color: ['#3a9d5d', '#86c79b'], value: function (c) { return c.onTime; }},
    {key: 'LATE', label: '逾期报送', color: ['#d29a00', '#f0cf6e'], value: function (c) { return c.late; }},
    {key: 'RETURNED', label: '退回待复报', color: ['#e0701f', '#f3ad7b'], value: function (c) { return c.returned; }},
    {key: 'MISSING', label: '未报送', color: ['#c9372c', '#eb8c84'], value: function (c) { return c.missing - c.returned; }}
  ];
  var SEVERITIES = [
    {key: 'error', label: '错误', color: '#c9372c'},
    {key: 'warning', label: '提醒', color: '#d29a00'},
    {key: 'info', label: '说明', color: '#7b8794'}
  ];
  var charts = [];

  function query(params) {
    var q = new URLSearchParams();
    Object.keys(params).forEach(function (k) {
      if (params[k] !== null && params[k] !== undefined && params[k] !== '') {
        q.append(k, params[k]);
      }
    });
    var s = q.toString();
    return s ? '?' + s : '';
  }

  function base() {
    return {
      textStyle: {fontFamily: FONT},
      aria: {enabled: true, decal: {show: true}},
      animation: false,
      tooltip: {trigger: 'item'},
      legend: {top: 0, type: 'scroll'},
      grid: {left: 40, right: 24, top: 62, bottom: 40, containLabel: true}
    };
  }

  function draw(id, option, onClick) {
    var el = document.getElementById(id);
    if (!el) {
      return;
    }
    var chart = echarts.init(el, null, {renderer: 'canvas'});
    chart.setOption(option);
    if (onClick) {
      chart.on('click', onClick);
    }
    charts.push(chart);
  }

  function nonZero(p) {
    return p.value ? p.value : '';
  }

  // 报送情况 by city or by type: one stack per template, one segment per state
  function breakdown(id, breakdownData, key) {
    var groups = breakdownData.groups;
    var templates = groups.length ? groups[0].templates : [];
    var series = [];
    var meta = [];
    templates.forEach(function (t, ti) {
      STATES.forEach(function (s) {
        meta.push({template: t.template, status: s.key});
        series.push({
          name: (templates.length > 1 ? t.label + ' ' : '') + s.label,
          type: 'bar', stack: t.template, barMaxWidth: 26,
          itemStyle: {color: s.color[ti % 2]},
          label: {show: true, position: 'inside', fontSize: 10, formatter: nonZero},
          labelLayout: {hideOverlap: true},
          data: groups.map(function (g) { return s.value(g.templates[ti]); })
        });
      });
    });
    var option = base();
    option.tooltip = {trigger: 'axis', axisPointer: {type: 'shadow'}};
    option.xAxis = {type: 'category', data: groups.map(function (g) { return g.label; }),
      axisLabel: {interval: 0, rotate: groups.length > 8 ? 40 : 0}};
    option.yAxis = {type: 'value', name: '单位数', minInterval: 1};
    option.series = series;
    draw(id, option, function (p) {
      var m = meta[p.seriesIndex];
      var g = groups[p.dataIndex];
      var params = {city: filters.city, type: filters.type, template: m.template, status: m.status};
      params[key] = g.key;
      window.location.href = urls.roster + query(params);
    });
  }

  function timeline(id, t) {
    var series = [];
    var times = [];
    t.templates.forEach(function (x, i) {
      var color = ['#1d5fa7', '#7a4fb0', '#2a8c8c'][i % 3];
      times.push(x.deadline);
      x.days.forEach(function (d) { times.push(d.date); });
      series.push({
        name: x.label + ' 累计已报单位', type: 'line', step: 'end', symbolSize: 5, color: color,
        data: x.days.map(function (d) { return [d.date, d.cumulative]; }),
        markLine: {symbol: 'none', lineStyle: {color: color, type: 'dashed'},
          label: {formatter: '{b}', color: color},
          data: [{name: x.label + ' 截止 ' + x.deadline, xAxis: x.deadline}]}
      });
      series.push({
        name: x.label + ' 当日收到文件', type: 'bar', barMaxWidth: 10, color: color, itemStyle: {opacity: 0.45},
        data: x.days.map(function (d) { return [d.date, d.files]; })
      });
    });
    times.sort();
    var day = 24 * 3600 * 1000;
    var option = base();
    option.tooltip = {trigger: 'axis'};
    option.xAxis = {type: 'time', min: times.length ? Date.parse(times[0]) - day : null,
      max: times.length ? Date.parse(times[times.length - 1]) + day : null,
      axisLabel: {formatter: '{MM}-{dd}'}};
    option.yAxis = {type: 'value', name: '单位数 / 文件数', minInterval: 1};
    option.series = series;
    draw(id, option);
  }

  function quota(id, q) {
    var units = q.units;
    var option = base();
    option.tooltip = {trigger: 'axis', axisPointer: {type: 'shadow'}};
    option.grid.right = 40;
    option.yAxis = {type: 'category', inverse: true, data: units.map(function (u) { return u.unit; }),
      axisLabel: {width: 150, overflow: 'truncate'}};
    option.xAxis = {type: 'value', name: '案例数', minInterval: 1};
    if (units.length > 12) {
      option.dataZoom = [{type: 'slider', yAxisIndex: 0, startValue: 0, endValue: 11, right: 4, width: 14},
        {type: 'inside', yAxisIndex: 0}];
    }
    option.series = [
      {name: '采用', type: 'bar', stack: 'q', color: '#3a9d5d', barMaxWidth: 18,
        label: {show: true, position: 'inside', formatter: nonZero}, data: units.map(function (u) { return u.accepted; })},
      {name: '超出限额', type: 'bar', stack: 'q', color: '#c9372c', barMaxWidth: 18,
        label: {show: true, position: 'inside', formatter: nonZero}, data: units.map(function (u) { return u.overQuota; })},
      {name: '限额', type: 'scatter', symbol: 'rect', symbolSize: [4, 20], color: '#1f2933',
        data: units.map(function (u) { return u.quota === null ? null : u.quota; })}
    ];
    draw(id, option, function (p) {
      var u = units[p.dataIndex];
      if (u) {
        window.location.href = urls.unit + query({name: u.unit});
      }
    });
  }

  function issues(id, i) {
    var codes = [];
    i.byCode.forEach(function (c) {
      if (codes.indexOf(c.code) < 0) {
        codes.push(c.code);
      }
    });
    var option = base();
    option.tooltip = {trigger: 'axis', axisPointer: {type: 'shadow'}};
    option.xAxis = {type: 'category', data: codes, axisLabel: {interval: 0, rotate: codes.length > 5 ? 35 : 0, fontSize: 10}};
    option.yAxis = {type: 'value', name: '条数', minInterval: 1};
    option.series = SEVERITIES.map(function (s) {
      return {name: s.label, type: 'bar', stack: 'sev', color: s.color, barMaxWidth: 28,
        label: {show: true, position: 'inside', fontSize: 10, formatter: nonZero},
        data: codes.map(function (code) {
          var c = i.byCode.filter(function (x) { return x.code === code && x.severity === s.key; })[0];
          return c ? c.count : 0;
        })};
    });
    draw(id, option, function (p) {
      window.location.href = urls.issues + query({code: codes[p.dataIndex], severity: SEVERITIES[p.seriesIndex].key,
        city: filters.city, type: filters.type, template: filters.template});
    });
  }

  breakdown('chart-city', data.byCity, 'city');
  breakdown('chart-type', data.byType, 'type');
  timeline('chart-timeline', data.timeline);
  quota('chart-quota', data.quota);
  issues('chart-issues', data.issues);
  root.setAttribute('data-rendered', String(charts.length));
  window.addEventListener('resize', function () {
    charts.forEach(function (c) { c.resize(); });
  });
})();
