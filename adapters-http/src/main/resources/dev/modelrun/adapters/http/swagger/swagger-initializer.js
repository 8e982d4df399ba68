// Swagger UI over this server's own document. It replaces the webjar's initializer (a demo API's).
// The document and "Try it out" use this same origin, so no CORS is involved; nothing is fetched from elsewhere.
window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: "StandaloneLayout",
    // keep the key of the Authorize dialog across reloads of the page
    persistAuthorization: true,
    // no badge from the online validator: the page works offline
    validatorUrl: null
  });
};
