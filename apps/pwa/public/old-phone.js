// The residents' page for phones too old for it. A plain script in the oldest JavaScript, so it
// runs where the page's own module cannot even be parsed. An iPhone below the page's floor
// (iOS 14, apps/pwa/build/browser-floors.ts) is told at once that its iOS, not WeChat, is the
// problem: WeChat on iOS uses the system's WebKit, and updating WeChat changes nothing.
(function () {
  var IOS_FLOOR = 14;
  var match = /(?:iPhone|iPad|iPod).*? OS (\d+)(?:_(\d+))?/.exec(navigator.userAgent);
  var hint = document.getElementById('old-phone');
  var loading = document.querySelector('#root > .loading');
  var version;
  var lines;
  var line;
  var i;
  if (!match || Number(match[1]) >= IOS_FLOOR || !hint) return;
  version = match[1] + (match[2] ? '.' + match[2] : '');
  lines = [
    '您的 iPhone 系统版本（iOS ' + version + '）太旧，打不开这份问卷。',
    '请在“设置 → 通用 → 软件更新”中把 iOS 更新到 ' +
      IOS_FLOOR +
      ' 或以上后重新扫码；无法更新的，请向居委会领取纸质问卷填写。',
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
