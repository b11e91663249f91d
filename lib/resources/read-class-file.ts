/**
 * The head of a Java class file (JVMS §4.1): its name, access flags, super class and interfaces —
 * all a JAR's inspection needs to tell which classes implement Flink's KafkaPartitioner. The
 * constant pool is walked only to reach those names.
 */

export interface ClassHeader {
  /** Binary name with dots, e.g. org.example.Outer$Inner. */
  name: string;
  superName: string | null;
  interfaces: string[];
  isInterface: boolean;
  isAbstract: boolean;
  isPublic: boolean;
}

const ACC_PUBLIC = 0x0001;
const ACC_INTERFACE = 0x0200;
const ACC_ABSTRACT = 0x0400;

export class ClassFileError extends Error {}

export function readClassHeader(bytes: Uint8Array): ClassHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const need = (n: number) => {
    if (at + n > bytes.byteLength) throw new ClassFileError("the class file ends too early");
  };
  const u1 = () => (need(1), view.getUint8(at++));
  const u2 = () => (need(2), (at += 2), view.getUint16(at - 2));
  const u4 = () => (need(4), (at += 4), view.getUint32(at - 4));
  if (u4() !== 0xcafebabe) throw new ClassFileError("not a class file (no 0xCAFEBABE)");
  u2(); // minor
  u2(); // major
  const count = u2();
  const utf8: Array<string | undefined> = [];
  const classIndex: Array<number | undefined> = [];
  const decoder = new TextDecoder();
  for (let i = 1; i < count; i++) {
    const tag = u1();
    switch (tag) {
      case 1: {
        const length = u2();
        need(length);
        // Modified UTF-8 differs from UTF-8 only for NUL and supplementary characters, which class names avoid.
        utf8[i] = decoder.decode(bytes.subarray(at, at + length));
        at += length;
        break;
      }
      case 7:
        classIndex[i] = u2();
        break;
      case 8:
      case 16:
      case 19:
      case 20:
        at += 2;
        break;
      case 3:
      case 4:
      case 9:
      case 10:
      case 11:
      case 12:
      case 17:
      case 18:
        at += 4;
        break;
      case 5:
      case 6:
        at += 8;
        i++; // takes two entries
        break;
      case 15:
        at += 3;
        break;
      default:
        throw new ClassFileError(`unknown constant pool tag ${tag} at entry ${i}`);
    }
  }
  const className = (index: number): string => {
    const nameIndex = classIndex[index];
    const internal = nameIndex === undefined ? undefined : utf8[nameIndex];
    if (internal === undefined) throw new ClassFileError(`constant ${index} is not a class`);
    return internal.replaceAll("/", ".");
  };
  const flags = u2();
  const name = className(u2());
  const superIndex = u2();
  const interfaces: string[] = [];
  for (let n = u2(); n > 0; n--) interfaces.push(className(u2()));
  return {
    name,
    superName: superIndex === 0 ? null : className(superIndex),
    interfaces,
    isInterface: (flags & ACC_INTERFACE) !== 0,
    isAbstract: (flags & ACC_ABSTRACT) !== 0,
    isPublic: (flags & ACC_PUBLIC) !== 0,
  };
}
