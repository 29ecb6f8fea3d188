//! The particle of a separable verb met split in its sentence (*einreichen* met as
//! *reichte … ein*), for the Anki cloze that hides both halves. The linking itself is the
//! German analysis's (`german::analysis`); here the lexicon says where the lemma splits.

use crate::german::lexicon;

/// The particle a separable verb's lemma starts with while `form` does not: the longest
/// start of the lemma that the lexicon lists as a verb particle, with a verb after it.
pub(crate) fn split_particle(lemma: &str, form: &str) -> Option<String> {
    let form = form.to_lowercase();
    lexicon()
        .ok()?
        .separable_particle(lemma)
        .filter(|p| !form.starts_with(p.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_particle_is_where_the_lexicon_splits_the_lemma() {
        assert_eq!(
            split_particle("einreichen", "reichte").as_deref(),
            Some("ein")
        );
        assert_eq!(
            split_particle("zurückgeben", "gab").as_deref(),
            Some("zurück")
        );
        // Met joined: no particle to hide apart.
        assert_eq!(split_particle("einreichen", "einreichte"), None);
        // Not a separable verb.
        assert_eq!(split_particle("verkaufen", "verkaufte"), None);
    }
}
