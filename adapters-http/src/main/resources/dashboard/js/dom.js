// Small DOM helpers. Text always goes in as text nodes or textContent, never parsed as HTML, so data from the server
// or the user can never become markup.

/**
 * Makes an element: el('td', {class: 'num', 'data-id': id}, 'text', childNode, ...).
 * Attribute values of false, null or undefined are left out; true sets an empty attribute.
 * Strings and numbers among the children become text nodes.
 */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(parent, child);
    } else if (child instanceof Node) {
      parent.append(child);
    } else {
      parent.append(document.createTextNode(String(child)));
    }
  }
}

/** Replaces every child of the element with the given children. */
export function replaceChildren(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

export function byId(id) {
  const element = document.getElementById(id);
  if (!element) {
    throw new Error(`the page has no element #${id}`);
  }
  return element;
}

export function show(element, visible) {
  element.hidden = !visible;
}
