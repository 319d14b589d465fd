// Every htmx request carries the CSRF token from the page's meta tags (Spring Security checks it).
document.addEventListener('htmx:configRequest', function (e) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    e.detail.headers[header.content] = token.content;
  }
});

// 上传与检查: each dropped or chosen file goes in a request of its own (Tomcat refuses more than 50 parts in one),
// one after another; each answer (the file's check, as HTML) is added to the list.
(function () {
  var zone = document.getElementById('dropzone');
  if (!zone) {
    return;
  }
  var form = document.getElementById('upload-form');
  var input = document.getElementById('files');
  var results = document.getElementById('results');

  function csrfHeaders() {
    var headers = {};
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) {
      headers[header.content] = token.content;
    }
    return headers;
  }

  function box(text, cls) {
    var div = document.createElement('div');
    div.className = 'upload-result';
    var p = document.createElement('p');
    p.className = cls || 'muted';
    p.textContent = text;
    div.appendChild(p);
    return div;
  }

  function send(file) {
    var pending = box('正在上传并检查：' + file.name + ' …');
    results.insertBefore(pending, results.firstChild);
    var data = new FormData();
    data.append('file', file, file.name);
    data.append('receivedAt', document.getElementById('receivedAt').value);
    data.append('unit', document.getElementById('unit').value);
    return fetch(form.action, {method: 'POST', body: data, headers: csrfHeaders(), credentials: 'same-origin'})
      .then(function (res) {
        if (res.status === 413) {
          pending.replaceWith(box('文件“' + file.name + '”超过大小上限，未保存。请压缩或拆分后再上传。', 'notice error'));
          return;
        }
        if (res.status === 401 || res.status === 403 || res.redirected) {
          pending.replaceWith(box('登录已过期，请刷新页面重新登录后再上传“' + file.name + '”。', 'notice error'));
          return;
        }
        return res.text().then(function (html) {
          var holder = document.createElement('div');
          holder.innerHTML = html;
          pending.replaceWith(holder);
        });
      })
      .catch(function () {
        pending.replaceWith(box('文件“' + file.name + '”上传失败（网络中断或服务器拒绝），请重试。', 'notice error'));
      });
  }

  function sendAll(files) {
    var list = Array.prototype.slice.call(files);
    var chain = Promise.resolve();
    list.forEach(function (f) {
      chain = chain.then(function () { return send(f); });
    });
  }

  zone.addEventListener('dragover', function (e) { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', function () { zone.classList.remove('over'); });
  zone.addEventListener('drop', function (e) {
    e.preventDefault();
    zone.classList.remove('over');
    sendAll(e.dataTransfer.files);
  });
  input.addEventListener('change', function () {
    sendAll(input.files);
    input.value = '';
  });
})();
