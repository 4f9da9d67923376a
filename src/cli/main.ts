export async function main(argv: string[]): Promise<number> {
  console.log('wireroom', argv.slice(2).join(' '));
  return 0;
}
