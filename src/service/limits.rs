//! Rate limits per sender, checked before any database work: a flood from one phone costs us a
//! hash and a map lookup, and the sender gets one polite reply, then silence (SMS costs money).
//!
//! Limits live in each instance's memory, keyed by pseudonym (never a phone number). With
//! several instances behind a load balancer each enforces its own limits, so a sender spread
//! over N instances can send up to N times the configured rate: configure per-instance values.

use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::middleware::NoOpMiddleware;
use governor::state::keyed::DashMapStateStore;
use governor::{Quota, RateLimiter};
use serde::Deserialize;

use crate::crypto::{Pseudonym, VolunteerKey};

/// `[limits]` in the config.
#[derive(Deserialize, Clone, Copy)]
pub struct LimitSettings {
    /// Messages a sender may send per minute.
    #[serde(default = "default_per_minute")]
    pub sender_per_minute: u32,
    /// Messages a sender may send per day.
    #[serde(default = "default_per_day")]
    pub sender_per_day: u32,
    /// Recipient API requests per token per minute.
    #[serde(default = "default_token_per_minute")]
    pub token_per_minute: u32,
    /// Failed recipient API authentications per minute, all callers together; past it, bad
    /// tokens get 429 instead of 401.
    #[serde(default = "default_failed_auth_per_minute")]
    pub failed_auth_per_minute: u32,
    /// Messages an enrolled shelter volunteer may send per minute and per day: higher than a
    /// reporter's (they file for many people in a row), still bounded.
    #[serde(default = "default_volunteer_per_minute")]
    pub volunteer_per_minute: u32,
    #[serde(default = "default_volunteer_per_day")]
    pub volunteer_per_day: u32,
}

fn default_per_minute() -> u32 {
    20
}
fn default_per_day() -> u32 {
    500
}
fn default_token_per_minute() -> u32 {
    600
}
fn default_failed_auth_per_minute() -> u32 {
    60
}
fn default_volunteer_per_minute() -> u32 {
    60
}
fn default_volunteer_per_day() -> u32 {
    3000
}

impl Default for LimitSettings {
    fn default() -> Self {
        Self {
            sender_per_minute: default_per_minute(),
            sender_per_day: default_per_day(),
            token_per_minute: default_token_per_minute(),
            failed_auth_per_minute: default_failed_auth_per_minute(),
            volunteer_per_minute: default_volunteer_per_minute(),
            volunteer_per_day: default_volunteer_per_day(),
        }
    }
}

/// What to do with a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Allow,
    /// Over the limit: tell the sender once.
    Notify,
    /// Over the limit and already told: say nothing.
    Silence,
}

type Key = [u8; 32];
type Keyed<C> = RateLimiter<Key, DashMapStateStore<Key>, C, NoOpMiddleware<<C as Clock>::Instant>>;

/// The limiters. Generic over the clock so tests can move time forward.
pub struct Limits<C: Clock = DefaultClock> {
    per_minute: Keyed<C>,
    per_day: Keyed<C>,
    /// One notice per sender per hour.
    notices: Keyed<C>,
    /// Recipient API: per token (keyed by its hash), and failed authentications overall.
    tokens: Keyed<C>,
    failed_auth: Keyed<C>,
    /// Enrolled volunteers (refreshed from the database by the sweeper) and their limiters.
    volunteers: std::sync::RwLock<std::collections::HashSet<Key>>,
    volunteer_per_minute: Keyed<C>,
    volunteer_per_day: Keyed<C>,
}

fn nz(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN)
}

impl Limits {
    pub fn new(s: LimitSettings) -> Self {
        Self::with_clock(s, &DefaultClock::default())
    }
}

impl<C: Clock + Clone> Limits<C> {
    pub fn with_clock(s: LimitSettings, clock: &C) -> Self {
        let daily = |n: u32| {
            Quota::with_period(Duration::from_secs(86_400) / n.max(1))
                .unwrap_or_else(|| Quota::per_hour(nz(1)))
                .allow_burst(nz(n))
        };
        let per_day = daily(s.sender_per_day);
        let limiter = |q| RateLimiter::dashmap_with_clock(q, C::clone(clock));
        Self {
            per_minute: limiter(Quota::per_minute(nz(s.sender_per_minute))),
            per_day: limiter(per_day),
            notices: limiter(Quota::per_hour(nz(1))),
            tokens: limiter(Quota::per_minute(nz(s.token_per_minute))),
            failed_auth: limiter(Quota::per_minute(nz(s.failed_auth_per_minute))),
            volunteers: std::sync::RwLock::default(),
            volunteer_per_minute: limiter(Quota::per_minute(nz(s.volunteer_per_minute))),
            volunteer_per_day: limiter(daily(s.volunteer_per_day)),
        }
    }

    /// Replaces the set of senders who get a volunteer's allowance.
    pub fn set_volunteers(&self, list: &[VolunteerKey]) {
        let set = list
            .iter()
            .filter_map(|p| <Key>::try_from(p.as_bytes()).ok())
            .collect();
        if let Ok(mut v) = self.volunteers.write() {
            *v = set;
        }
    }

    /// Adds one volunteer (just enrolled on this instance).
    pub fn add_volunteer(&self, p: &VolunteerKey) {
        if let (Ok(mut v), Ok(key)) = (self.volunteers.write(), <Key>::try_from(p.as_bytes())) {
            v.insert(key);
        }
    }

    fn is_volunteer(&self, volunteer: impl FnOnce() -> VolunteerKey) -> bool {
        self.volunteers.read().is_ok_and(|v| {
            !v.is_empty() && <Key>::try_from(volunteer().as_bytes()).is_ok_and(|k| v.contains(&k))
        })
    }

    /// `volunteer` gives the sender's [`VolunteerKey`] (enrolled volunteers are known by it);
    /// it is computed only while some volunteer is enrolled.
    pub fn check(&self, sender: &Pseudonym, volunteer: impl FnOnce() -> VolunteerKey) -> Verdict {
        let mut key = [0u8; 32];
        key.copy_from_slice(sender.as_bytes());
        let (minute, day) = if self.is_volunteer(volunteer) {
            (&self.volunteer_per_minute, &self.volunteer_per_day)
        } else {
            (&self.per_minute, &self.per_day)
        };
        if minute.check_key(&key).is_ok() && day.check_key(&key).is_ok() {
            return Verdict::Allow;
        }
        if self.notices.check_key(&key).is_ok() {
            Verdict::Notify
        } else {
            Verdict::Silence
        }
    }

    /// Whether a recipient API request with this token hash may proceed.
    pub fn token_ok(&self, token_hash: &[u8]) -> bool {
        let mut key = [0u8; 32];
        let n = token_hash.len().min(32);
        key[..n].copy_from_slice(&token_hash[..n]);
        self.tokens.check_key(&key).is_ok()
    }

    /// Counts a failed authentication; `false` once there have been too many lately.
    pub fn failed_auth_ok(&self) -> bool {
        self.failed_auth.check_key(&[0u8; 32]).is_ok()
    }

    /// Forgets senders whose limits have fully recovered, so memory stays bounded however many
    /// distinct senders there are. Called by the sweeper.
    pub fn shrink(&self) {
        self.per_minute.retain_recent();
        self.per_day.retain_recent();
        self.notices.retain_recent();
        self.tokens.retain_recent();
        self.volunteer_per_minute.retain_recent();
        self.volunteer_per_day.retain_recent();
        self.per_minute.shrink_to_fit();
        self.per_day.shrink_to_fit();
        self.notices.shrink_to_fit();
    }

    /// Senders currently tracked (for tests and metrics).
    pub fn tracked(&self) -> usize {
        self.per_minute.len() + self.per_day.len() + self.notices.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sender(n: u8) -> Pseudonym {
        Pseudonym([n; 32])
    }

    /// A stand-in for the sender's volunteer key (the real one is a keyed hash).
    fn vkey(p: &Pseudonym) -> VolunteerKey {
        let mut k = [0u8; 32];
        k.copy_from_slice(p.as_bytes());
        k[0] ^= 0xff;
        VolunteerKey(k)
    }

    #[test]
    fn a_flooding_sender_is_told_once_then_silenced_and_others_are_unaffected() {
        let limits = Limits::new(LimitSettings {
            sender_per_minute: 3,
            sender_per_day: 100,
            ..LimitSettings::default()
        });
        let a = sender(1);
        let verdicts: Vec<Verdict> = (0..6).map(|_| limits.check(&a, || vkey(&a))).collect();
        assert_eq!(
            verdicts,
            [
                Verdict::Allow,
                Verdict::Allow,
                Verdict::Allow,
                Verdict::Notify,
                Verdict::Silence,
                Verdict::Silence
            ]
        );
        assert_eq!(
            limits.check(&sender(2), || vkey(&sender(2))),
            Verdict::Allow
        );
    }

    #[test]
    fn volunteers_have_a_higher_but_bounded_allowance_until_revoked() {
        let limits = Limits::new(LimitSettings {
            sender_per_minute: 2,
            volunteer_per_minute: 5,
            ..LimitSettings::default()
        });
        let (v, r) = (sender(7), sender(8));
        limits.set_volunteers(&[vkey(&v)]);
        let allowed = |p: &Pseudonym| {
            (0..10)
                .filter(|_| limits.check(p, || vkey(p)) == Verdict::Allow)
                .count()
        };
        assert_eq!(allowed(&v), 5, "a volunteer gets the volunteer allowance");
        assert_eq!(allowed(&r), 2, "a reporter keeps the ordinary one");
        limits.set_volunteers(&[]);
        assert_eq!(
            allowed(&v),
            2,
            "after revocation the ordinary limit applies"
        );
    }

    #[test]
    fn the_daily_limit_holds_across_minutes() {
        let limits = Limits::new(LimitSettings {
            sender_per_minute: 100,
            sender_per_day: 2,
            ..LimitSettings::default()
        });
        let a = sender(3);
        assert_eq!(limits.check(&a, || vkey(&a)), Verdict::Allow);
        assert_eq!(limits.check(&a, || vkey(&a)), Verdict::Allow);
        assert_eq!(limits.check(&a, || vkey(&a)), Verdict::Notify);
    }

    #[test]
    fn memory_stays_bounded_with_many_distinct_senders() {
        let clock = governor::clock::FakeRelativeClock::default();
        let limits = Limits::with_clock(LimitSettings::default(), &clock);
        for i in 0..100_000u32 {
            let mut key = [0u8; 32];
            key[..4].copy_from_slice(&i.to_be_bytes());
            limits.check(&Pseudonym(key), || vkey(&Pseudonym(key)));
        }
        assert!(
            limits.tracked() >= 200_000,
            "each sender is in both limiters"
        );
        limits.shrink();
        assert!(limits.tracked() >= 200_000, "recent senders are kept");
        clock.advance(Duration::from_secs(2 * 86_400));
        limits.shrink();
        assert_eq!(limits.tracked(), 0, "recovered senders are forgotten");
    }
}
