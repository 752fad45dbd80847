/* /docs: Swagger UI served from this server (no CDN), reading /openapi.json. */
"use strict";
S.nav("docs");
if (window.SwaggerUIBundle) {
  window.SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true, validatorUrl: null });
} else {
  S.message(document.getElementById("swagger-ui"), "Swagger UI is not installed here (run `npm ci --ignore-scripts && "
    + "python scripts/build_web_assets.py`); the API description is at /openapi.json.", "error");
}
