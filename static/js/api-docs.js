// Swagger UI for the read API's docs page (articles/api/schema.py): the document from the
// address the page names, requests tried on this site, nothing fetched from anywhere else.
"use strict";

const root = document.getElementById("api-docs");

window.ui = SwaggerUIBundle({
  url: root.dataset.schemaUrl,
  domNode: root,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
  deepLinking: true,
  // The API only reads.
  supportedSubmitMethods: ["get", "head"],
  // By default the page would show a badge from the Swagger validator's own site.
  validatorUrl: null,
});
