//! JSON numbers that are not an `i64`, as serde_json reads them, without
//! a float parser or a float formatter: a number is refused when it is
//! infinite as an `f64` (a check on its decimal exponent and digits), and a
//! kept one reads as serde_json's text of its nearest `f64` (the shortest
//! digits that read back as that `f64`, in serde_json's notation).
//!
//! Most numbers take the short path: with at most 15 significant digits a
//! number's own digits are the shortest ones of its `f64`. Others are
//! rounded and shortened exactly, with big integers; the reader does that
//! once per kept field, after the whole payload is read.

use crate::event_fields::{Fields, RawPerson, Scalar};

/// The digits of 2^1024 - 2^970, the least number that is infinite as an
/// `f64` (half-way between `f64::MAX` and 2^1024, rounded to even).
const INFINITE_FROM: &[u8; 309] =
    b"179769313486231580793728971405303415079934132710037826936173778\
980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681\
908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074\
168444365510704342711559699508093042880177904174497792";

/// More significant digits than this never change how a number rounds
/// (a half-way point between two `f64`s has at most 767); the rest only
/// count as "not zero".
const MAX_DIGITS: usize = 800;

/// A number's text taken apart: its value is `0.d1 d2 d3… × 10^point`,
/// the digits those of `int` then `frac`.
struct Decimal<'a> {
    negative: bool,
    /// Integer and fraction digits, leading zeros dropped; empty for zero.
    int: &'a [u8],
    frac: &'a [u8],
    point: i64,
}

impl<'a> Decimal<'a> {
    /// `text` is a JSON number the reader has already validated.
    fn new(text: &'a [u8]) -> Decimal<'a> {
        let negative = text.first() == Some(&b'-');
        let text = &text[usize::from(negative)..];
        let mantissa_end = text
            .iter()
            .position(|&c| c == b'e' || c == b'E')
            .unwrap_or(text.len());
        let (mantissa, exponent) = text.split_at(mantissa_end);
        let exp = exponent_value(exponent);
        let (int, frac) = match mantissa.iter().position(|&c| c == b'.') {
            Some(dot) => (&mantissa[..dot], &mantissa[dot + 1..]),
            None => (mantissa, &[][..]),
        };
        let int = trim_leading_zeros(int);
        if !int.is_empty() {
            let point = exp.saturating_add(int.len() as i64);
            return Decimal {
                negative,
                int,
                frac,
                point,
            };
        }
        let digits = trim_leading_zeros(frac);
        let point = exp.saturating_sub((frac.len() - digits.len()) as i64);
        Decimal {
            negative,
            int: &[],
            frac: digits,
            point,
        }
    }

    fn digits(&self) -> impl Iterator<Item = u8> + '_ {
        self.int.iter().chain(self.frac).copied()
    }

    fn is_zero(&self) -> bool {
        self.digits().all(|c| c == b'0')
    }

    /// At least 2^1024 - 2^970: infinite as an `f64`.
    fn is_infinite(&self) -> bool {
        if self.is_zero() || self.point < 309 {
            return false;
        }
        if self.point > 309 {
            return true;
        }
        let padded = self.digits().chain(std::iter::repeat(b'0'));
        padded.take(309).cmp(INFINITE_FROM.iter().copied()).is_ge()
    }

    /// The significant digits (ASCII) without trailing zeros (at most
    /// `MAX_DIGITS`), and whether a digit past those was not zero.
    fn significant(&self) -> (Vec<u8>, bool) {
        let mut digits: Vec<u8> = self.digits().take(MAX_DIGITS).collect();
        let sticky = self.digits().skip(MAX_DIGITS).any(|c| c != b'0');
        while digits.last() == Some(&b'0') {
            digits.pop();
        }
        (digits, sticky)
    }
}

fn trim_leading_zeros(digits: &[u8]) -> &[u8] {
    let zeros = digits.iter().take_while(|&&c| c == b'0').count();
    &digits[zeros..]
}

/// The exponent after `e`/`E` (empty: 0), saturated far beyond any that
/// matters.
fn exponent_value(exponent: &[u8]) -> i64 {
    let (negative, digits) = match exponent.get(1) {
        Some(b'-') => (true, &exponent[2..]),
        Some(b'+') => (false, &exponent[2..]),
        _ => (false, exponent.get(1..).unwrap_or_default()),
    };
    let e = digits
        .iter()
        .fold(0i64, |e, &c| (e * 10 + i64::from(c - b'0')).min(1 << 40));
    if negative {
        -e
    } else {
        e
    }
}

/// Whether a validated JSON number is infinite as an `f64`.
pub(super) fn is_infinite(text: &[u8]) -> bool {
    Decimal::new(text).is_infinite()
}

/// serde_json's text of a validated, finite JSON number that is not an
/// `i64`: a `u64` as it is, anything else as its nearest `f64`.
#[inline(never)]
fn serde_text(text: &[u8]) -> String {
    let mut value = Some(0u64);
    for &c in text {
        value = value
            .filter(|_| c.is_ascii_digit())
            .and_then(|n| n.checked_mul(10)?.checked_add(u64::from(c - b'0')));
    }
    if value.is_some() {
        return String::from_utf8_lossy(text).into_owned();
    }
    let d = Decimal::new(text);
    let (digits, sticky) = d.significant();
    let shortest = match digits.len() {
        0 => None,
        // Every decimal of at most 15 digits reads back from its nearest
        // normal f64 (10^15 < 2^53), and no shorter decimal does.
        1..=15 if (-306..=309).contains(&d.point) => Some((digits, d.point - 1)),
        _ => shortest(nearest(&digits, d.point, sticky)),
    };
    write(d.negative, shortest)
}

/// serde_json's notation of ASCII digits with the exponent of the first:
/// fixed from 1e-5 to below 1e16, else scientific (`1.5e+16`, `5e-324`);
/// zero is `0.0`.
#[inline(never)]
fn write(negative: bool, number: Option<(Vec<u8>, i64)>) -> String {
    let mut out = Vec::with_capacity(32);
    if negative {
        out.push(b'-');
    }
    match number {
        None => out.extend_from_slice(b"0.0"),
        Some((digits, exp)) if (-5..=15).contains(&exp) => {
            if exp < 0 {
                out.extend_from_slice(b"0.");
                out.resize(out.len() + exp.unsigned_abs() as usize - 1, b'0');
                out.extend_from_slice(&digits);
            } else {
                let int = exp as usize + 1;
                let (head, tail) = digits.split_at(int.min(digits.len()));
                out.extend_from_slice(head);
                out.resize(out.len() + int - head.len(), b'0');
                out.push(b'.');
                out.extend_from_slice(if tail.is_empty() { b"0" } else { tail });
            }
        }
        Some((digits, exp)) => {
            let (first, rest) = digits.split_first().unwrap_or((&b'0', &[]));
            out.push(*first);
            if !rest.is_empty() {
                out.push(b'.');
                out.extend_from_slice(rest);
            }
            out.extend_from_slice(if exp < 0 { b"e-" } else { b"e+" });
            let e = exp.unsigned_abs();
            for (unit, shown) in [(100, e >= 100), (10, e >= 10), (1, true)] {
                if shown {
                    out.push(b'0' + (e / unit % 10) as u8);
                }
            }
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

/// The bits of the `f64` nearest `0.digits × 10^point` (plus a little more
/// if `sticky`), rounded half to even (infinity far past the range).
#[inline(never)]
fn nearest(digits: &[u8], point: i64, sticky: bool) -> u64 {
    if point < -330 {
        return 0;
    }
    if point > 310 {
        return f64::INFINITY.to_bits();
    }
    let mut num = Big::from_digits(digits);
    let mut den = Big::one();
    let exp10 = point - digits.len() as i64;
    if exp10 >= 0 {
        num.mul_pow(10, exp10 as u32);
    } else {
        den.mul_pow(10, exp10.unsigned_abs() as u32);
    }
    // 2^b <= value < 2^(b+1)
    let mut b = num.bits() as i64 - den.bits() as i64;
    if num.cmp_scaled(&den, b).is_lt() {
        b -= 1;
    }
    let lsb = (b - 52).max(-1074);
    // q = floor(value × 2^(1 - lsb)): the mantissa and a half bit.
    let shift = 1 - lsb;
    if shift >= 0 {
        num.shl(shift as usize);
    } else {
        den.shl(shift.unsigned_abs() as usize);
    }
    let (q, rest) = num.div_small_quotient(den, 55);
    let (mut m, half) = (q >> 1, q & 1 == 1);
    if half && (rest || sticky || m & 1 == 1) {
        m += 1;
    }
    let mut lsb = lsb;
    if m == 1 << 53 {
        m >>= 1;
        lsb += 1;
    }
    if m < 1 << 52 {
        return m;
    }
    let field = (lsb + 52 + 1023).clamp(1, 2047) as u64;
    field << 52 | (m & ((1 << 52) - 1))
}

/// The shortest digits that read back as the finite `f64` with these
/// bits, the closest to it of those (ties to even), and the exponent of
/// the first one; `None` for zero.
#[inline(never)]
fn shortest(bits: u64) -> Option<(Vec<u8>, i64)> {
    let field = (bits >> 52) & 0x7ff;
    let frac = bits & ((1 << 52) - 1);
    let (m, q) = match field {
        0 => (frac, -1074),
        _ => (frac | 1 << 52, field as i64 - 1075),
    };
    if m == 0 {
        return None;
    }
    let even = m & 1 == 0;
    // value, and the bounds of the decimals that read back as it, in
    // units of 2^(q - 2)
    let low = if frac == 0 && field > 1 {
        4 * m - 1
    } else {
        4 * m - 2
    };
    let exact = [low, 4 * m, 4 * m + 2].map(|x| {
        let mut n = Big::from_u64(x);
        if q - 2 >= 0 {
            n.shl((q - 2) as usize);
        } else {
            n.mul_pow(5, (2 - q) as u32);
        }
        n.decimal()
    });
    let scale = (q - 2).min(0);
    // One leading zero for a carry; all three the same length.
    let width = exact.iter().map(Vec::len).max().unwrap_or(0) + 1;
    let [low, value, high] = exact.map(|d| {
        let mut padded = vec![0; width - d.len()];
        padded.extend(d);
        padded
    });
    let first = value.iter().position(|&d| d != 0).unwrap_or(width);
    for k in (0..=width - first).rev() {
        let cut = width - k;
        // The multiples of 10^k next to the value, below and above.
        let mut below = value.clone();
        below[cut..].fill(0);
        let mut above = below.clone();
        if let Some(last) = cut.checked_sub(1) {
            increment(&mut above[..=last]);
        }
        let below_ok = below > low || (even && below == low);
        let above_ok = above < high || (even && above == high);
        let rest = &value[cut..];
        let pick_above = match (below_ok, above_ok) {
            (false, false) => continue,
            (true, false) => false,
            (false, true) => true,
            (true, true) => match rest.first().map(|&d| d.cmp(&5)) {
                None | Some(std::cmp::Ordering::Less) => false,
                Some(std::cmp::Ordering::Greater) => true,
                Some(std::cmp::Ordering::Equal) => {
                    rest[1..].iter().any(|&d| d != 0)
                        || cut.checked_sub(1).is_some_and(|at| below[at] % 2 == 1)
                }
            },
        };
        let chosen = if pick_above { above } else { below };
        let start = chosen.iter().position(|&d| d != 0).unwrap_or(0);
        let mut digits: Vec<u8> = chosen[start..cut].iter().map(|d| b'0' + d).collect();
        while digits.last() == Some(&b'0') {
            digits.pop();
        }
        let exp = (width - 1 - start) as i64 + scale;
        return Some((digits, exp));
    }
    None
}

/// Adds one to a decimal number (most significant digit first) that has a
/// leading zero to carry into.
fn increment(digits: &mut [u8]) {
    for d in digits.iter_mut().rev() {
        if *d < 9 {
            *d += 1;
            return;
        }
        *d = 0;
    }
}

/// Replaces the raw text the reader keeps for a number that is not an
/// `i64` with serde_json's text of it, in every kept field.
pub(super) fn settle(f: &mut Fields) {
    let person = |p: &mut Option<RawPerson>| {
        if let Some(p) = p {
            settle_scalar(&mut p.name);
            settle_scalar(&mut p.email);
        }
    };
    person(&mut f.business_user);
    person(&mut f.legal_user);
    person(&mut f.activity_data.performed_by);
    person(&mut f.activity_data.signatory);
    if let Some(e) = &mut f.activity_data.email {
        settle_scalar(&mut e.recipient);
        settle_scalar(&mut e.mode);
        settle_scalar(&mut e.occured_at);
    }
    settle_scalar(&mut f.activity_data.timestamp);
    settle_scalar(&mut f.activity);
    settle_scalar(&mut f.contract_id);
    settle_scalar(&mut f.external_id);
}

fn settle_scalar(s: &mut Scalar) {
    if let Scalar::OtherNumber(raw) = s {
        *raw = serde_text(raw.as_bytes());
    }
}

/// An unsigned big integer, 32-bit limbs, least significant first.
#[derive(Clone)]
struct Big(Vec<u32>);

impl Big {
    fn one() -> Big {
        Big(vec![1])
    }

    fn from_u64(n: u64) -> Big {
        Big(vec![n as u32, (n >> 32) as u32])
    }

    #[inline(never)]
    fn from_digits(digits: &[u8]) -> Big {
        let mut n = Big(Vec::new());
        for chunk in digits.chunks(9) {
            let value = chunk
                .iter()
                .fold(0u32, |v, &c| v * 10 + u32::from(c - b'0'));
            n.mul_add(10u32.pow(chunk.len() as u32), value);
        }
        n
    }

    /// `self = self × m + add`
    #[inline(never)]
    fn mul_add(&mut self, m: u32, add: u32) {
        let mut carry = u64::from(add);
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(m) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry != 0 {
            self.0.push(carry as u32);
        }
    }

    /// `self ×= base^e` (`base` 5 or 10).
    #[inline(never)]
    fn mul_pow(&mut self, base: u32, mut e: u32) {
        let step = if base == 5 { 13 } else { 9 };
        while e > 0 {
            let k = e.min(step);
            self.mul_add(base.pow(k), 0);
            e -= k;
        }
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    fn bits(&self) -> usize {
        let top = self.0.iter().rposition(|&l| l != 0);
        top.map_or(0, |i| i * 32 + 32 - self.0[i].leading_zeros() as usize)
    }

    #[inline(never)]
    fn shl(&mut self, bits: usize) {
        let mut out = vec![0; bits / 32];
        let mut carry = 0;
        for &limb in &self.0 {
            let v = u64::from(limb) << (bits % 32) | carry;
            out.push(v as u32);
            carry = v >> 32;
        }
        out.push(carry as u32);
        self.0 = out;
    }

    fn shr1(&mut self) {
        let mut carry = 0;
        for limb in self.0.iter_mut().rev() {
            let v = *limb;
            *limb = v >> 1 | carry;
            carry = v << 31;
        }
    }

    #[inline(never)]
    fn cmp(&self, other: &Big) -> std::cmp::Ordering {
        let (a, b) = (self.bits(), other.bits());
        if a != b {
            return a.cmp(&b);
        }
        let n = a.div_ceil(32);
        self.0[..n].iter().rev().cmp(other.0[..n].iter().rev())
    }

    /// `self` against `other × 2^shift` (`shift` may be negative).
    fn cmp_scaled(&self, other: &Big, shift: i64) -> std::cmp::Ordering {
        let (mut a, mut b) = (self.clone(), other.clone());
        if shift >= 0 {
            b.shl(shift as usize);
        } else {
            a.shl(shift.unsigned_abs() as usize);
        }
        a.cmp(&b)
    }

    /// `self -= other`, with `self >= other`.
    #[inline(never)]
    fn sub(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let v = i64::from(*limb) - i64::from(other.0.get(i).copied().unwrap_or(0)) - borrow;
            borrow = i64::from(v < 0);
            *limb = v.rem_euclid(1 << 32) as u32;
        }
    }

    /// `floor(self / den)`, known to be below `2^bits`, and whether
    /// anything was left over.
    #[inline(never)]
    fn div_small_quotient(mut self, mut den: Big, bits: u32) -> (u64, bool) {
        den.shl(bits as usize - 1);
        let mut q = 0u64;
        for bit in (0..bits).rev() {
            if self.cmp(&den).is_ge() {
                self.sub(&den);
                q |= 1 << bit;
            }
            den.shr1();
        }
        self.trim();
        (q, !self.0.is_empty())
    }

    /// The decimal digits (most significant first, no leading zeros).
    #[inline(never)]
    fn decimal(mut self) -> Vec<u8> {
        let mut groups = Vec::new();
        self.trim();
        while !self.0.is_empty() {
            let mut rest = 0u64;
            for limb in self.0.iter_mut().rev() {
                let v = rest << 32 | u64::from(*limb);
                *limb = (v / 1_000_000_000) as u32;
                rest = v % 1_000_000_000;
            }
            groups.push(rest as u32);
            self.trim();
        }
        let mut digits = Vec::with_capacity(groups.len() * 9);
        for group in groups.iter().rev() {
            let mut g = *group;
            let mut chunk = [0u8; 9];
            for d in chunk.iter_mut().rev() {
                *d = (g % 10) as u8;
                g /= 10;
            }
            digits.extend_from_slice(&chunk);
        }
        let start = digits.iter().position(|&d| d != 0).unwrap_or(digits.len());
        digits.split_off(start)
    }
}

#[cfg(test)]
mod tests;
