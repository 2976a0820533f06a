export const ANSWERS: Record<string, string> = {
  prices: 'Use `$PATH`; totals $1,000 vs $2,000.\n',
};
