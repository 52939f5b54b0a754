// createApp(services): the Fastify instance with the platform's plugins and every domain's routes.
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import formbody from "@fastify/formbody";
import multipart from "@fastify/multipart";
import helmet from "@fastify/helmet";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { registerAccounts } from "./domains/accounts/index.ts";
import { registerAssessments } from "./domains/assessments/index.ts";
import { registerAudits } from "./domains/audits/index.ts";
import { registerExchange } from "./domains/exchange/index.ts";
import { registerPilots } from "./domains/pilots/index.ts";
import { registerPrivacy } from "./domains/privacy/index.ts";
import { serializeRequest } from "./http/log.ts";
import { registerHome } from "./domains/home/index.ts";
import { registerSystems } from "./domains/systems/index.ts";
import { registerAuditLogPages } from "./events/pages.tsx";
import { authPlugin } from "./http/auth.ts";
import { cookieSecret } from "./http/cookie-secret.ts";
import { handleFrameworkError, registerErrorHandling } from "./http/error-handler.tsx";
import type { Services } from "./services.ts";

const assets = path.join(path.dirname(fileURLToPath(import.meta.url)), "web", "assets");
// Browser files of two dependencies, served as they ship in their npm packages.
const resolve = createRequire(import.meta.url).resolve;
const webauthnBundle = path.join(path.dirname(resolve("@simplewebauthn/browser")), "..", "dist", "bundle");
const jsonLogicBundle = path.dirname(resolve("json-logic-js"));

export async function createApp(services: Services) {
  const { config } = services;
  const app = Fastify({
    logger: { level: config.logLevel, serializers: { req: serializeRequest } },
    bodyLimit: config.bodyLimit,
    trustProxy: true,
    // Paths like /fr/systems/ and /fr/systems are the same page.
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: handleFrameworkError,
  }).withTypeProvider<ZodTypeProvider>();
  // Every route, as registered: the authorization matrix test checks that each one has an entry.
  const routeTable: Array<{ method: string; url: string }> = [];
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) if (method !== "HEAD") routeTable.push({ method, url: route.url });
  });
  app.decorate("routeTable", routeTable);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: false,
  });
  // HSTS only over TLS (trustProxy lets a TLS-terminating proxy say so); on plain HTTP it would mean nothing.
  app.addHook("onSend", async (request, reply) => {
    if (request.protocol === "https") reply.header("strict-transport-security", "max-age=31536000; includeSubDomains");
  });
  await app.register(formbody);
  // Multipart bodies are read as streams by the routes that take files (each sets its own size limit).
  await app.register(multipart, { limits: { fields: 20, fieldSize: 64 * 1024, files: 1, fileSize: config.uploadLimit } });
  await app.register(authPlugin, { users: services.users, cookieSecret: cookieSecret(config) });
  await app.register(fastifyStatic, { root: assets, prefix: "/assets/", maxAge: "1h" });
  for (const [root, prefix, file] of [
    [webauthnBundle, "simplewebauthn", "index.umd.min.js"],
    [jsonLogicBundle, "json-logic", "logic.js"],
  ] as const) {
    await app.register(fastifyStatic, { root, prefix: `/assets/vendor/${prefix}/`, maxAge: "1h", decorateReply: false, allowedPath: (pathName) => pathName === `/${file}` });
  }
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Gäichel API",
        version: "1.0.0",
        description: "The public register of AI and algorithmic systems of Luxembourg and Belgian administrations.",
      },
      tags: [
        { name: "systems", description: "Register records and their versions" },
        { name: "organisations", description: "Administrations that own records" },
        { name: "practices", description: "The practice library: practices, guides and templates shared by the administrations" },
        { name: "pilots", description: "Joint pilots of the two administrations: controlled frame, indicators and measurements, lessons learned" },
      ],
      components: {
        securitySchemes: {
          bearer: {
            type: "http",
            scheme: "bearer",
            description: "A personal API token (gai_…); writes need the systems:write scope.",
          },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs", staticCSP: true });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  await app.register(async (scope) => registerHome(scope, services));
  await app.register(async (scope) => registerSystems(scope, services));
  await app.register(async (scope) => registerAccounts(scope, services));
  await app.register(async (scope) => registerAssessments(scope, services));
  await app.register(async (scope) => registerAuditLogPages(scope, services));
  await app.register(async (scope) => registerAudits(scope, services));
  await app.register(async (scope) => registerPrivacy(scope, services));
  await app.register(async (scope) => registerExchange(scope, services));
  await app.register(async (scope) => registerPilots(scope, services));
  return app;
}

export type App = Awaited<ReturnType<typeof createApp>>;

declare module "fastify" {
  interface FastifyInstance {
    routeTable: ReadonlyArray<{ method: string; url: string }>;
  }
}
