/**
 * Doubles printed the way Java's `Double.toString` prints them (and therefore the way Spark prints vectors).
 *
 * Java uses plain decimal notation for 10⁻³ ≤ |x| < 10⁷ and "computerized scientific notation" (`1.0E7`,
 * `1.0E-5`) outside it, always with at least one digit after the point. The digits are the shortest that
 * read back as the same double (JDK 19+, Giulietti's algorithm; older JDKs sometimes printed one digit too
 * many, JDK-4511638). JavaScript's `Number.prototype.toString` picks the same shortest digits, so we reuse
 * them and only change the layout. One rule differs: when a single digit suffices, Java still considers
 * two-digit decimals and keeps the one closest to x, which is why `Double.MIN_VALUE` prints `4.9E-324`
 * where JavaScript prints `5e-324`.
 *
 * @example
 * javaDoubleToString(1)      // => '1.0'
 * javaDoubleToString(1e7)    // => '1.0E7'
 * javaDoubleToString(0.001)  // => '0.001'
 * javaDoubleToString(1e-5)   // => '1.0E-5'
 */
export function javaDoubleToString(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const { digits, exponent } = shortestDigits(Math.abs(x));
  const abs = Math.abs(x);
  if (abs >= 1e-3 && abs < 1e7) return sign + plainDecimal(digits, exponent);
  const fraction = digits.length > 1 ? digits.slice(1) : '0';
  return `${sign}${digits[0]}.${fraction}E${exponent}`;
}

/** Shortest round-trip significant digits of a positive finite x, and the decimal exponent of the first one. */
function shortestDigits(x: number): { digits: string; exponent: number } {
  const [mantissa, expText] = x.toExponential().split('e') as [string, string];
  let exp = expText;
  let digits = mantissa.replace('.', '');
  if (digits.length === 1) {
    // Java's length-1 rule: a two-digit decimal that still reads back as x and is closer wins.
    const [m2, e2] = x.toExponential(1).split('e') as [string, string];
    if (Number(`${m2}e${e2}`) === x && !m2.endsWith('0')) {
      digits = m2.replace('.', '');
      exp = e2;
    }
  }
  return { digits, exponent: Number(exp) };
}

function plainDecimal(digits: string, exponent: number): string {
  if (exponent < 0) return `0.${'0'.repeat(-exponent - 1)}${digits}`;
  const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fracPart = digits.slice(exponent + 1);
  return `${intPart}.${fracPart === '' ? '0' : fracPart}`;
}
