//! Review scheduling with FSRS (the rs-fsrs crate), kept apart from the reading status.

use chrono::{DateTime, Utc};
use rs_fsrs::{Card, FSRS, Parameters, Rating, State};
use serde::{Deserialize, Serialize};

/// The scheduling state of one word, as stored in the vocabulary file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewState {
    /// RFC 3339.
    pub due: String,
    pub stability: f64,
    pub difficulty: f64,
    pub reps: i32,
    pub lapses: i32,
    /// new, learning, review, relearning.
    pub state: String,
    pub last_review: String,
    #[serde(default)]
    pub elapsed_days: i64,
    #[serde(default)]
    pub scheduled_days: i64,
}

/// A grade given to a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grade {
    Again,
    Hard,
    Good,
    Easy,
}

impl Grade {
    pub fn label(self) -> &'static str {
        match self {
            Grade::Again => "Again",
            Grade::Hard => "Hard",
            Grade::Good => "Good",
            Grade::Easy => "Easy",
        }
    }

    fn rating(self) -> Rating {
        match self {
            Grade::Again => Rating::Again,
            Grade::Hard => Rating::Hard,
            Grade::Good => Rating::Good,
            Grade::Easy => Rating::Easy,
        }
    }
}

fn parse(s: &str, fallback: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or(fallback)
}

fn state_name(s: State) -> &'static str {
    match s {
        State::New => "new",
        State::Learning => "learning",
        State::Review => "review",
        State::Relearning => "relearning",
    }
}

fn state_of(s: &str) -> State {
    match s {
        "learning" => State::Learning,
        "review" => State::Review,
        "relearning" => State::Relearning,
        _ => State::New,
    }
}

fn scheduler() -> FSRS {
    FSRS::new(Parameters {
        enable_fuzz: false,
        ..Parameters::default()
    })
}

impl ReviewState {
    fn to_card(&self, now: DateTime<Utc>) -> Card {
        Card {
            due: parse(&self.due, now),
            stability: self.stability,
            difficulty: self.difficulty,
            elapsed_days: self.elapsed_days,
            scheduled_days: self.scheduled_days,
            reps: self.reps,
            lapses: self.lapses,
            state: state_of(&self.state),
            last_review: parse(&self.last_review, now),
        }
    }

    fn from_card(card: &Card) -> ReviewState {
        ReviewState {
            due: card.due.to_rfc3339(),
            stability: card.stability,
            difficulty: card.difficulty,
            reps: card.reps,
            lapses: card.lapses,
            state: state_name(card.state).to_string(),
            last_review: card.last_review.to_rfc3339(),
            elapsed_days: card.elapsed_days,
            scheduled_days: card.scheduled_days,
        }
    }

    /// Whether the card is due at `now`.
    pub fn is_due(&self, now: DateTime<Utc>) -> bool {
        parse(&self.due, now) <= now
    }
}

/// The next state after a grade given at `now` (a word never reviewed starts new).
pub fn schedule(state: Option<&ReviewState>, grade: Grade, now: DateTime<Utc>) -> ReviewState {
    let card = match state {
        Some(s) => s.to_card(now),
        None => Card {
            due: now,
            last_review: now,
            ..Card::default()
        },
    };
    let next = scheduler().next(card, now, grade.rating());
    ReviewState::from_card(&next.card)
}

/// Whether a word with this review state is due (never reviewed: due).
pub fn due(state: Option<&ReviewState>, now: DateTime<Utc>) -> bool {
    state.is_none_or(|s| s.is_due(now))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn due_dates_for_a_fixed_clock() {
        let now = Utc
            .with_ymd_and_hms(2026, 11, 28, 12, 0, 0)
            .single()
            .expect("time");
        // A new word graded Good is due again later the same day (short-term step), Easy
        // days later, Again soonest.
        let good = schedule(None, Grade::Good, now);
        let easy = schedule(None, Grade::Easy, now);
        let again = schedule(None, Grade::Again, now);
        let at = |s: &ReviewState| parse(&s.due, now);
        assert!(at(&again) > now);
        assert!(at(&again) <= at(&good));
        assert!(at(&good) < at(&easy));
        assert!(at(&easy) >= now + chrono::Duration::days(1));
        assert!(!good.is_due(now));
        assert!(good.is_due(at(&good)));
        // The same inputs give the same schedule (no fuzz).
        assert_eq!(schedule(None, Grade::Easy, now), easy);
        // Reviewing again when due pushes the next due date further out.
        let later = at(&easy);
        let second = schedule(Some(&easy), Grade::Good, later);
        assert!(at(&second) - later > at(&easy) - now);
        assert!(due(None, now));
    }
}
