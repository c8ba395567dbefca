// Checksums that tell a real card number or IBAN from any other long run of digits. Pattern
// matching alone would mask order numbers and account totals; the checksums keep the false
// positives to about one in ten (Luhn) and one in ninety-seven (IBAN mod 97).

/** Luhn (mod 10) over a string of digits, as every payment card number carries. */
export function isLuhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * Issuer prefixes in use: Mastercard 2221–2720 and 51–55, Amex 34/37, Diners 300–305/36/38/39,
 * JCB 3528–3589, Visa 4, Maestro 50/56–69, Discover and UnionPay 6. Anything else (a run of
 * years such as 2023 2024 2025 2026, most ids) is not a card even when the Luhn digit fits.
 */
function hasCardIssuerPrefix(digits: string): boolean {
  const two = Number(digits.slice(0, 2));
  const three = Number(digits.slice(0, 3));
  const four = Number(digits.slice(0, 4));
  switch (digits[0]) {
    case "2":
      return four >= 2221 && four <= 2720;
    case "3":
      return two === 34 || two === 37 || two === 36 || two === 38 || two === 39 || (three >= 300 && three <= 305) || (four >= 3528 && four <= 3589);
    case "4":
    case "6":
      return true;
    case "5":
      return two >= 50 && two <= 59;
    default:
      return false;
  }
}

/** A payment card number: 13–19 digits, an issuer prefix in use and a valid Luhn digit. */
export function isCardNumber(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && /^\d+$/.test(digits) && hasCardIssuerPrefix(digits) && isLuhnValid(digits);
}

/**
 * How card numbers are written: unbroken, in fours (the last group shorter for 13 and 19
 * digits), or 4-6-5 / 4-6-4 (Amex, Diners). Other groupings are lists of numbers.
 */
export function isCardGrouping(text: string): boolean {
  const groups = text.split(/[ -]/);
  if (groups.length === 1) return true;
  const lengths = groups.map((g) => g.length);
  if (lengths.join(",") === "4,6,5" || lengths.join(",") === "4,6,4") return true;
  return lengths.slice(0, -1).every((n) => n === 4) && lengths[lengths.length - 1] >= 1 && lengths[lengths.length - 1] <= 4;
}

/** IBAN length per country (SWIFT IBAN registry). Unknown countries are not IBANs. */
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22,
  IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20,
  LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28, NL: 18,
  NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31,
  SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29,
  VA: 22, VG: 24, XK: 20, YE: 30,
};

/** An IBAN without spaces, upper case: the country's length and the ISO 7064 mod-97 check. */
export function isIban(compact: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(compact)) return false;
  if (IBAN_LENGTHS[compact.slice(0, 2)] !== compact.length) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const code = rearranged.charCodeAt(i);
    // Letters count as two digits (A = 10 … Z = 35); folding them in keeps the number small.
    const value = code >= 65 ? code - 55 : code - 48;
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder === 1;
}
