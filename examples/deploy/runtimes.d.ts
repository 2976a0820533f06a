// Just enough of Deno's and Bun's globals for `tsc` to check deno.ts and
// bun.ts in this repository; a Deno project has them built in, a Bun project
// gets them from `@types/bun`.
declare const Deno: { env: { get(name: string): string | undefined } };
declare const Bun: {
  serve(options: {
    port?: number;
    hostname?: string;
    idleTimeout?: number;
    routes?: Record<string, (request: Request) => Response | Promise<Response>>;
    fetch(request: Request): Response | Promise<Response>;
  }): { url: URL };
};
