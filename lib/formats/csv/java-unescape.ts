/**
 * Apache Commons Lang StringEscapeUtils.unescapeJava, which Flink applies to
 * `csv.field-delimiter` (so `'\t'` means a tab). Unknown escapes keep the character.
 */
export function unescapeJava(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== "\\" || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const n = text[++i];
    switch (n) {
      case "t":
        out += "\t";
        break;
      case "n":
        out += "\n";
        break;
      case "r":
        out += "\r";
        break;
      case "b":
        out += "\b";
        break;
      case "f":
        out += "\f";
        break;
      case "\\":
        out += "\\";
        break;
      case "'":
        out += "'";
        break;
      case '"':
        out += '"';
        break;
      case "u": {
        let j = i + 1;
        while (text[j] === "u") j++;
        const hex = text.slice(j, j + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
          throw new Error(
            `Less than 4 hex digits in unicode value: '${text.slice(i - 1)}' due to end of CharSequence`,
          );
        }
        out += String.fromCharCode(parseInt(hex, 16));
        i = j + 3;
        break;
      }
      default:
        if (n >= "0" && n <= "7") {
          // Octal: up to 3 digits, the first of which must be 0-3 for a 3-digit escape.
          let digits = n;
          if (/[0-7]/.test(text[i + 1] ?? "")) {
            digits += text[++i];
            if (n <= "3" && /[0-7]/.test(text[i + 1] ?? "")) digits += text[++i];
          }
          out += String.fromCharCode(parseInt(digits, 8));
        } else {
          out += n;
        }
    }
  }
  return out;
}
