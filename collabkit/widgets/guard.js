// Keys pressed in the kit's widgets belong to the widgets.
//
// JupyterLab's notebook shortcuts (m: make Markdown, r: make Raw, a/b: insert a cell,
// arrows: move between cells, …) listen on the whole page, so a key pressed on a focused
// slider, dropdown or radio button could turn the widget's cell into Markdown and make it
// vanish. Lumino skips shortcuts for keys pressed inside an element carrying
// data-lm-suppress-shortcuts; this view puts it on the kit widget it sits in (the nearest
// .collabkit-guarded) and on every control in it, makes its feedback boxes live regions that screen readers
// announce, names the controls ipywidgets leaves unnamed (slider handles, and selects
// whose label is the row they sit in), and lets Enter in a question's answer box check it.

function label(control) {
  // a kit slider's or number box's label, else the widget's own description, else the
  // text of the row it sits in (a classification question's item)
  const group = control.closest(".collabkit-slider, .collabkit-number-box");
  const title = group && group.querySelector(".collabkit-slider-label, .widget-html");
  if (title && title.textContent.trim()) {
    return title.textContent.trim();
  }
  const widget = control.closest(".jupyter-widgets");
  const own = widget && widget.querySelector(":scope > .widget-label");
  const text = own && own.textContent.trim();
  if (text) {
    return text;
  }
  const row = widget && widget.parentElement && widget.parentElement.closest(".widget-hbox");
  const item = row && row.querySelector(".widget-html");
  return item ? item.textContent.trim() : "";
}

const FOCUSABLE = 'input, select, textarea, button, [tabindex], [contenteditable], [role="slider"]';

function submitOnEnter(event) {
  // Enter in a question's one-line answer box checks the answer, as a form would
  const box = event.target;
  if (event.key !== "Enter" || !box.matches('input[type="text"]')) {
    return;
  }
  const question = box.closest(".collabkit-question");
  const check = question && question.querySelector(".collabkit-check");
  if (check) {
    event.preventDefault();
    box.dispatchEvent(new Event("change", { bubbles: true })); // the typed text is synced first
    check.click();
  }
}

const MODIFIERS = ["Control", "Meta", "Alt"];

function letModifiedKeysThrough(event, container) {
  // Ctrl/Cmd/Alt shortcuts (Ctrl+S saves) are the student's own: while such a key is held,
  // the focused control lets JupyterLab see them; single keys (m, a, arrows) stay out
  if (MODIFIERS.includes(event.key)) {
    if (event.type === "keydown") {
      // Lumino stops looking at the first marked element on the way up: unmark both
      event.target.removeAttribute("data-lm-suppress-shortcuts");
      container.removeAttribute("data-lm-suppress-shortcuts");
    } else {
      guard(container);
    }
  }
}

function guard(container) {
  if (!container.dataset.collabkitEnter) {
    container.dataset.collabkitEnter = "submits";
    container.addEventListener("keydown", submitOnEnter, true); // ipywidgets stops its bubbling
    for (const type of ["keydown", "keyup"]) {
      container.addEventListener(type, (event) => letModifiedKeysThrough(event, container), true);
    }
  }
  // Lumino checks the attribute on the element that has the focus (and walks up only
  // while no shortcut's selector has matched), so every focusable element carries it
  container.setAttribute("data-lm-suppress-shortcuts", "true");
  for (const control of container.querySelectorAll(FOCUSABLE)) {
    if (!control.hasAttribute("data-lm-suppress-shortcuts")) {
      control.setAttribute("data-lm-suppress-shortcuts", "true");
    }
  }
  for (const box of container.querySelectorAll(".collabkit-feedback")) {
    box.setAttribute("role", "status");
    box.setAttribute("aria-live", "polite");
  }
  // ipywidgets gives slider handles and unlabelled selects no accessible name
  const unnamed =
    '[role="slider"], select, .widget-readout, .collabkit-slider input, .collabkit-number-box input';
  for (const control of container.querySelectorAll(unnamed)) {
    if (!control.getAttribute("aria-label")) {
      const name = label(control);
      const box = control.matches(".widget-readout, input");
      if (name) {
        control.setAttribute("aria-label", box ? `${name}: value` : name);
      }
    }
  }
}

function render({ el }) {
  el.style.display = "none";
  let container = null;
  const observer = new MutationObserver(() => guard(container));
  let frames = 0;
  const attach = () => {
    container = el.closest(".collabkit-guarded");
    if (container) {
      guard(container);
      observer.observe(container, { childList: true, subtree: true });
    } else if (frames++ < 600) {
      requestAnimationFrame(attach); // the view is put into the page after it renders
    }
  };
  attach();
  return () => observer.disconnect();
}

export default { render };
