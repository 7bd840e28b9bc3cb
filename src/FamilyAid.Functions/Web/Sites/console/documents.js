// A request's documents, shown inline from their short-lived links: images with zoom and rotation, PDFs embedded.
export function renderDocuments(container, documents, t) {
  container.replaceChildren(...documents.map(doc => documentCard(doc, t)));
}

function documentCard(doc, t) {
  const figure = el('figure', 'document');
  const caption = el('figcaption', '', t(`doc.${doc.type}`));
  if (!doc.uploaded || !doc.url) {
    figure.append(caption, el('p', 'muted', t('notUploaded')));
    return figure;
  }
  if (doc.contentType === 'application/pdf') {
    const frame = el('iframe', 'pdf');
    frame.src = doc.url;
    frame.title = t(`doc.${doc.type}`);
    figure.append(caption, frame, openLink(doc, t));
    return figure;
  }
  const view = { scale: 1, turn: 0 };
  // Scrollable when zoomed: focusable, so that a keyboard can scroll it too.
  const frame = el('div', 'image-frame');
  frame.tabIndex = 0;
  frame.setAttribute('role', 'group');
  frame.setAttribute('aria-label', t(`doc.${doc.type}`));
  const image = el('img', 'scan');
  image.src = doc.url;
  image.alt = t(`doc.${doc.type}`);
  image.dataset.type = doc.type;
  frame.append(image);
  const apply = () => { image.style.transform = `rotate(${view.turn * 90}deg) scale(${view.scale})`; };
  const tools = el('div', 'tools');
  tools.append(
    tool('+', t('zoomIn'), () => { view.scale = Math.min(4, view.scale * 1.25); apply(); }),
    tool('−', t('zoomOut'), () => { view.scale = Math.max(0.5, view.scale / 1.25); apply(); }),
    tool('⟳', t('rotate'), () => { view.turn = (view.turn + 1) % 4; apply(); }),
    openLink(doc, t));
  figure.append(caption, frame, tools);
  return figure;
}

function tool(symbol, label, action) {
  const button = el('button', 'tool', symbol);
  button.type = 'button';
  button.setAttribute('aria-label', label);
  button.title = label;
  button.addEventListener('click', action);
  return button;
}

function openLink(doc, t) {
  const link = el('a', 'open', t('openDocument'));
  link.href = doc.url;
  link.target = '_blank';
  link.rel = 'noopener noreferrer';
  return link;
}

/** A new element with a class and text. */
export function el(tag, className = '', text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}
