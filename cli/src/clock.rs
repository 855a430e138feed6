//! Wall-clock time for the I/O edge: milliseconds since the Unix epoch,
//! RFC 3339 rendering, and `--since` parsing (`30m`, `2h`, `7d` or a date).

use std::time::{SystemTime, UNIX_EPOCH};

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

// Howard Hinnant's days-from-civil and civil-from-days algorithms.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// `2026-11-02T10:00:00.123Z`.
pub fn format_ms(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let rem = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        ms.rem_euclid(1000)
    )
}

/// Parses `YYYY-MM-DD[THH:MM[:SS[.fff]]][Z]` (UTC) into epoch milliseconds.
pub fn parse_timestamp(text: &str) -> Option<i64> {
    let t = text.trim().trim_end_matches('Z');
    let (date, time) = match t.split_once(['T', ' ']) {
        Some((d, t)) => (d, t),
        None => (t, "00:00:00"),
    };
    let mut dp = date.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (dp.next()??, dp.next()??, dp.next()??);
    if dp.next().is_some() || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let (hms, frac) = time.split_once('.').unwrap_or((time, "0"));
    let mut tp = hms.split(':').map(|p| p.parse::<i64>().ok());
    let h = tp.next()??;
    let min = tp.next().unwrap_or(Some(0))?;
    let s = tp.next().unwrap_or(Some(0))?;
    let frac_ms = format!("{frac:0<3}").get(..3)?.parse::<i64>().ok()?;
    Some(((days_from_civil(y, m, d) * 24 + h) * 60 + min) * 60_000 + s * 1000 + frac_ms)
}

/// `--since`: a duration back from `now_ms` (`90s`, `30m`, `2h`, `7d`) or a
/// UTC timestamp.
pub fn parse_since(text: &str, now_ms: i64) -> Option<i64> {
    let t = text.trim();
    let unit = t.chars().last()?;
    let scale = match unit {
        's' => 1_000,
        'm' => 60_000,
        'h' => 3_600_000,
        'd' => 86_400_000,
        _ => return parse_timestamp(t),
    };
    match t[..t.len() - 1].parse::<i64>() {
        Ok(n) if n >= 0 => Some(now_ms - n.saturating_mul(scale)),
        _ => parse_timestamp(t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let ms = parse_timestamp("2026-11-02T10:20:30.456Z").unwrap();
        assert_eq!(format_ms(ms), "2026-11-02T10:20:30.456Z");
        assert_eq!(format_ms(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(parse_timestamp("1970-01-02").unwrap(), 86_400_000);
        assert_eq!(parse_since("2h", 10_000_000), Some(10_000_000 - 7_200_000));
        assert!(parse_since("yesterday", 0).is_none());
    }
}
