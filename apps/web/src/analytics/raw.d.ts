// Text files the build reads in as strings (Vite's `?raw` import).
declare module "*.md?raw" {
  const text: string;
  export default text;
}
