//! Against the standard library's parser and serde_json's formatter.

use super::*;

/// serde_json's text of a JSON number: a `u64` as it is, else its `f64`.
fn oracle(text: &str) -> String {
    if let Ok(n) = text.parse::<u64>() {
        return n.to_string();
    }
    let f: f64 = text.parse().unwrap();
    serde_json::Number::from_f64(f).unwrap().to_string()
}

fn check(text: &str) {
    let infinite = text.parse::<f64>().unwrap().is_infinite();
    assert_eq!(is_infinite(text.as_bytes()), infinite, "{text}");
    if !infinite {
        assert_eq!(serde_text(text.as_bytes()), oracle(text), "{text}");
    }
}

/// A deterministic stream of bit patterns (xorshift64*).
fn bit_patterns(n: usize) -> impl Iterator<Item = u64> {
    let mut x = 0x9E37_79B9_7F4A_7C15u64;
    (0..n).map(move |_| {
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    })
}

/// `value` written out exactly, in plain scientific notation.
fn exact_text(mantissa: u64, exp2: i64) -> String {
    let mut n = Big::from_u64(mantissa);
    let scale = if exp2 >= 0 {
        n.shl(exp2 as usize);
        0
    } else {
        n.mul_pow(5, exp2.unsigned_abs() as u32);
        exp2
    };
    let digits: String = n.decimal().iter().map(|d| char::from(b'0' + d)).collect();
    format!("{digits}e{scale}")
}

#[test]
fn the_infinity_bound_is_two_to_the_1024_less_half_an_ulp() {
    let mut bound = Big::from_u64((1 << 54) - 1);
    bound.shl(970);
    let digits: Vec<u8> = bound.decimal().iter().map(|d| b'0' + d).collect();
    assert_eq!(digits, INFINITE_FROM);
    let text = String::from_utf8(digits).unwrap();
    check(&text);
    check(&format!("{text}.000000000000000000000000001"));
    let below = format!("{}1", &text[..308]);
    check(&below);
    check(&format!("0.{text}e309"));
    for t in [
        "1.7976931348623157e308",
        "1.7976931348623158e308",
        "1.797693134862315807e308",
    ] {
        check(t);
    }
}

#[test]
fn agrees_on_every_kind_of_f64() {
    let specials = [
        0.0,
        -0.0,
        1.0,
        0.1,
        0.3,
        1e16,
        1e15,
        123456.0,
        1e-5,
        1e-6,
        5e-324,
        f64::MAX,
        f64::MIN_POSITIVE,
        f64::from_bits(0x000F_FFFF_FFFF_FFFF),
        9007199254740993.0,
        1e23,
        2f64.powi(60),
    ];
    let randoms = bit_patterns(10_000).map(f64::from_bits);
    for f in specials
        .into_iter()
        .chain(randoms)
        .filter(|f| f.is_finite())
    {
        for text in [
            serde_json::Number::from_f64(f).unwrap().to_string(),
            format!("{f:e}"),
            format!("{f:.15e}"),
            format!("{f:.16e}"),
            format!("{f:.20e}"),
            format!("{f:.40e}"),
        ] {
            check(&text);
        }
    }
}

#[test]
fn rounds_half_way_points_to_even() {
    for bits in bit_patterns(2_000).map(|b| b & !(1 << 63)) {
        let f = f64::from_bits(bits);
        if !f.is_finite() || bits == 0 {
            continue;
        }
        let field = (bits >> 52) as i64;
        let (m, q) = match field {
            0 => (bits, -1074),
            _ => ((bits & ((1 << 52) - 1)) | 1 << 52, field - 1075),
        };
        // The points half-way to each neighbour, then just off them.
        let down = if m == 1 << 52 && field > 1 {
            4 * m - 1
        } else {
            4 * m - 2
        };
        for half in [exact_text(2 * m + 1, q - 1), exact_text(down, q - 2)] {
            check(&half);
            let (digits, exp) = half.split_once('e').unwrap();
            check(&format!("{digits}000000001e{exp}"));
            let last = digits.len() - 1;
            if digits.as_bytes()[last] > b'0' {
                let less = format!(
                    "{}{}",
                    &digits[..last],
                    char::from(digits.as_bytes()[last] - 1)
                );
                check(&format!("{less}999e{}", exp.parse::<i64>().unwrap() - 3));
            }
        }
    }
}

#[test]
fn long_and_tiny_numbers() {
    for text in [
        format!("1{}", "0".repeat(308)),
        format!("9{}", "9".repeat(307)),
        format!("0.{}1", "0".repeat(330)),
        format!("2.{}e-324", "4".repeat(900)),
        format!("2.4703282292062327{}1e-324", "0".repeat(900)),
        "2.4703282292062327e-324".to_owned(),
        "2.4703282292062328e-324".to_owned(),
        "18446744073709551616".to_owned(),
        "18446744073709551615".to_owned(),
        "-18446744073709551615".to_owned(),
        "1e-99999999999".to_owned(),
        "0e99999999999".to_owned(),
        "123456789012345678901234567890".to_owned(),
        format!("0.{}", "3".repeat(1200)),
    ] {
        check(&text);
    }
}
