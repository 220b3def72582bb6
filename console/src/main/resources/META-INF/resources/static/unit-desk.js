// The handling unit's desk: every inbox notice that arrives (htmx sse extension) counts in the page title.
(function () {
  var base = document.title, count = 0;
  document.body.addEventListener('htmx:sseMessage', function (e) {
    if (!e.detail || e.detail.type !== 'notice') { return; }
    count++;
    document.title = '(' + count + ') ' + base;
    var badge = document.getElementById('notice-count');
    if (badge) { badge.textContent = count; badge.hidden = false; }
  });
})();
