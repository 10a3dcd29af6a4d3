// Both pages, on phones too old for them. A plain script in the oldest JavaScript, so it runs
// where the page's own module cannot even be parsed. An iPhone below the page's floor (the
// element's data-ios-floor, from apps/pwa/build/browser-floors.ts) is told at once that its iOS
// is the problem, not WeChat: WeChat on iOS uses the system's WebKit, and updating it changes
// nothing. data-page names what did not open; data-otherwise says what to do without an update.
(function () {
  var hint = document.getElementById('old-phone');
  var match = /(?:iPhone|iPad|iPod).*? OS (\d+)(?:_(\d+))?/.exec(navigator.userAgent);
  var loading = document.querySelector('#root > .loading');
  var floor;
  var lines;
  var line;
  var i;
  if (!hint || !match) return;
  floor = Number(hint.getAttribute('data-ios-floor'));
  if (!(Number(match[1]) < floor)) return;
  lines = [
    '您的 iPhone 系统版本（iOS ' +
      match[1] +
      (match[2] ? '.' + match[2] : '') +
      '）太旧，打不开' +
      hint.getAttribute('data-page') +
      '。',
    '请在“设置 → 通用 → 软件更新”中把 iOS 更新到 ' +
      floor +
      ' 或以上后重新打开；' +
      hint.getAttribute('data-otherwise'),
  ];
  for (i = 0; i < lines.length; i++) {
    line = document.createElement('p');
    line.appendChild(document.createTextNode(lines[i]));
    hint.appendChild(line);
  }
  hint.className = 'old-phone shown';
  hint.setAttribute('role', 'alert');
  if (loading) loading.style.display = 'none';
})();
