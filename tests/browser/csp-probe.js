// Tries what the Content-Security-Policy must refuse: an inline script, and an
// image from another origin (loopback, another port). Says what happened.
() => new Promise(resolve => {
  const script = document.createElement('script');
  script.textContent = 'window.__kitInjected = true;';
  document.head.append(script);
  const image = new Image();
  image.onload = () => resolve('image loaded');
  image.onerror = () => resolve(window.__kitInjected ? 'inline script ran' : 'blocked');
  image.src = 'http://127.0.0.2:9/pixel.png';
})
