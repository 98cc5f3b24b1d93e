// autocannon ships no types; the benchmark uses only its promise API with these options.
declare module "autocannon" {
  type Options = {
    url: string;
    connections: number;
    duration: number;
    requests: { setupRequest: (request: Record<string, unknown>) => Record<string, unknown> }[];
    setupClient: (client: { on: (event: "response", listener: (status: number, bytes: number, time: number) => void) => void }) => void;
  };
  export default function autocannon(options: Options): Promise<unknown>;
}
