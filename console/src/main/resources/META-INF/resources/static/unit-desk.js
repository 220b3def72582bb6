// The handling unit's desk: every inbox notice that arrives (htmx sse extension) counts in the page title.
(function () {
  var base = document.title, count = 0;
  document.body.addEventListener('htmx:sseMessage', function (e) {
    // the extension tells twice (the swap and the list's trigger): count the swap into the notice list only
    if (e.target.id !== 'unit-notices') { return; }
    count++;
    document.title = '(' + count + ') ' + base;
    var badge = document.getElementById('notice-count');
    if (badge) { badge.textContent = count; badge.hidden = false; }
  });
})();
