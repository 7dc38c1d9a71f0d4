# gbsim's container image, used by the Kubernetes Jobs in deploy/kubernetes (image gbsim:0.1.0):
#
#   docker build -t gbsim:0.1.0 .
#   docker run --rm gbsim:0.1.0 node bin/gbsim.js mc scenarios/china-2020.yaml --runs 100
#
# The repository at /app after `npm ci` (whose prepare script compiles dist/, which bin/gbsim.js
# runs), development packages removed afterwards. Runs as the unprivileged user `node` (uid 1000);
# results go to a mounted volume (/results in the Jobs), never into /app.
FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund && npm prune --omit=dev --no-audit --no-fund && npm cache clean --force
USER node
CMD ["node", "bin/gbsim.js", "--help"]
