# Kafka HTTP Gateway: build with the Nest CLI, run the bundled app on Node 20.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx nest build gateway && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
EXPOSE 8082
USER node
# In a container Kafka is always configured (KAFKA_BOOTSTRAP_SERVERS); no local broker is started.
CMD ["node", "dist/apps/gateway/main.js"]
