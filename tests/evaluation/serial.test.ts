import { describe, expect, it } from 'vitest';
import { typedEvalSerial } from '../../shared/serial.ts';

describe('a typed evaluation serial', () => {
  it('takes it as printed, in lower case, with spaces or dashes', () => {
    expect(typedEvalSerial('EK7M2PQ9X')).toBe('EK7M2PQ9X');
    expect(typedEvalSerial('ek7m-2pq9 x')).toBe('EK7M2PQ9X');
  });
  it('adds the E that people leave out — also when the eight characters start with E', () => {
    expect(typedEvalSerial('k7m2pq9x')).toBe('EK7M2PQ9X');
    expect(typedEvalSerial('e3km2pq9')).toBe('EE3KM2PQ9'); // was refused as too short when the body began with E
    expect(typedEvalSerial('EE3KM2PQ9')).toBe('EE3KM2PQ9');
  });
  it('refuses what cannot be a serial', () => {
    expect(typedEvalSerial('')).toBeNull();
    expect(typedEvalSerial('K7M2PQ9')).toBeNull();
    expect(typedEvalSerial('XK7M2PQ9X')).toBeNull();
    expect(typedEvalSerial('EK7M2PQ9XY')).toBeNull();
  });
});
