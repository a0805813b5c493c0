// A plotly figure that draws with the plotly.js JupyterLab and Voila already serve.
//
// plotly's own FigureWidget sends its 5 MB copy of plotly.js through the kernel's
// websocket for every figure. This view sends none: it uses the page's plotly.js, which
// the jupyterlab-plotly extension (installed with the plotly package) loads from the
// server once, cached by the browser. If no page code has loaded it yet, the view asks
// that extension's renderer, through JupyterLab's public mime-renderer interface, to
// draw one empty plot, which loads plotly.js and sets window.Plotly.

const PLOTLY_EXTENSION = "jupyterlab-plotly";
let loading = null;

function plotly() {
  if (window.Plotly) {
    return Promise.resolve(window.Plotly);
  }
  loading = loading || loadThroughExtension();
  return loading;
}

async function loadThroughExtension() {
  const container = window._JUPYTERLAB && window._JUPYTERLAB[PLOTLY_EXTENSION];
  if (!container) {
    throw new Error("plotly's JupyterLab extension is not installed in this page");
  }
  const module = (await container.get("./mimeExtension"))();
  const exported = module.default || module;
  const entries = Array.isArray(exported) ? exported : [exported];
  const entry = entries.find((candidate) => candidate && candidate.rendererFactory);
  const mimeType = entry.rendererFactory.mimeTypes[0];
  const renderer = entry.rendererFactory.createRenderer({ mimeType });
  try {
    await renderer.renderModel({
      data: { [mimeType]: { data: [], layout: {} } },
      metadata: {},
      trusted: true,
      setData() {},
    });
  } catch (error) {
    // drawing into a detached node may fail; loading plotly.js is what counts
  }
  if (!window.Plotly) {
    throw new Error("plotly's JupyterLab extension did not load plotly.js");
  }
  return window.Plotly;
}

function describe(layout) {
  const title = layout && layout.title;
  const text = typeof title === "string" ? title : title && title.text;
  return text ? `Plot: ${text.replace(/<[^>]*>/g, "")}` : "Plot";
}

function render({ model, el }) {
  const graph = document.createElement("div");
  graph.className = "collabkit-plot-graph";
  graph.style.width = "100%";
  el.classList.add("collabkit-plot");
  el.appendChild(graph);
  let drawing = false;
  let pending = false;

  async function draw() {
    if (drawing) {
      pending = true; // the newest state is drawn when this draw ends
      return;
    }
    drawing = true;
    try {
      const Plotly = await plotly();
      do {
        pending = false;
        const layout = model.get("layout");
        graph.setAttribute("role", "figure"); // not "img": plotly's toolbar is focusable
        graph.setAttribute("aria-label", describe(layout));
        await Plotly.react(graph, model.get("data"), layout, model.get("config"));
        fit(Plotly);
      } while (pending);
    } catch (error) {
      graph.textContent = `This plot could not be drawn: ${error.message}.`;
    } finally {
      drawing = false;
    }
  }

  // a plot drawn while hidden (another tab, a cell out of view) gets plotly's fallback
  // width: fit it to its cell once it has one, also when the resize came during a draw
  function fit(Plotly) {
    const width = el.clientWidth;
    if (width > 0 && graph._fullLayout && Math.abs(graph._fullLayout.width - width) > 1) {
      Plotly.Plots.resize(graph).catch(() => {});
    }
  }

  model.on("change:data", draw);
  model.on("change:layout", draw);
  const resize = new ResizeObserver(() => {
    if (drawing) {
      pending = true; // fitted after the draw in progress
    } else if (window.Plotly && graph._fullLayout) {
      fit(window.Plotly);
    }
  });
  resize.observe(el);
  draw();
  return () => {
    resize.disconnect();
    model.off("change:data", draw);
    model.off("change:layout", draw);
    if (window.Plotly) {
      window.Plotly.purge(graph);
    }
  };
}

export default { render };
