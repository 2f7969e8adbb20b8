//! Interview mode against the built-in packs: questions typed the way a
//! candidate says them find the pack's facts (words and the pack's
//! synonyms), and questions about nothing in the pack find none.

use napkin::engine::interview::match_questions;
use napkin::io::Library;

fn matched(lib: &Library, pack: &str, typed: &str) -> Option<String> {
    let p = &lib.pack(pack).expect("built-in pack").pack;
    match_questions(p, typed, &[]).first().map(|q| q.id.clone())
}

#[test]
fn plain_questions_find_the_facts_of_every_built_in_pack() {
    let lib = Library::builtin().expect("built-in library");
    let cases = [
        ("notification-system", "how many users are there?", "users"),
        ("notification-system", "what's the peak volume?", "volume"),
        (
            "notification-system",
            "how fast must messages arrive",
            "latency",
        ),
        (
            "notification-system",
            "what does a duplicate cost us",
            "duplicates",
        ),
        ("notification-system", "who is on call", "team"),
        ("notification-system", "what is the budget", "budget"),
        ("notification-system", "what's the SLA?", "availability"),
        (
            "notification-system",
            "which channels: email, sms, push?",
            "channels",
        ),
        (
            "notification-system",
            "can people unsubscribe",
            "preferences",
        ),
        ("coffee-ordering", "how many stores", "stores"),
        (
            "coffee-ordering",
            "how many orders at peak?",
            "order-volume",
        ),
        ("coffee-ordering", "how do customers pay", "payment"),
        (
            "coffee-ordering",
            "how reliable is the wifi in the shop",
            "bar-tablet",
        ),
        ("coffee-ordering", "how big is the team", "team"),
        ("coffee-ordering", "what's the budget", "budget"),
        (
            "coffee-ordering",
            "how long can it be down",
            "hours-availability",
        ),
        (
            "ticket-booking",
            "how many seats per show",
            "seats-per-show",
        ),
        (
            "ticket-booking",
            "what does traffic look like at 10am?",
            "on-sale-shape",
        ),
        (
            "ticket-booking",
            "what if a seat is sold twice",
            "double-sell-cost",
        ),
        ("ticket-booking", "are there bots or scalpers", "bots"),
        ("ticket-booking", "how long do we hold seats", "holds"),
    ];
    let mut wrong = Vec::new();
    for (pack, typed, want) in cases {
        let got = matched(&lib, pack, typed);
        if got.as_deref() != Some(want) {
            wrong.push(format!("{pack}: `{typed}` -> {got:?}, want {want}"));
        }
    }
    for (pack, typed) in [
        ("notification-system", "what font do the emails use"),
        ("coffee-ordering", "what's your favourite song"),
        ("ticket-booking", "which IDE does the team like best"),
        ("ticket-booking", "what colour is the logo"),
    ] {
        if let Some(got) = matched(&lib, pack, typed) {
            wrong.push(format!("{pack}: `{typed}` matched {got}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_built_in_question_answers_its_own_words() {
    let lib = Library::builtin().expect("built-in library");
    for lp in lib.packs() {
        for q in &lp.pack.questions {
            let got = match_questions(&lp.pack, &q.ask, &[])
                .first()
                .map(|m| m.id.clone());
            assert_eq!(
                got.as_deref(),
                Some(q.id.as_str()),
                "{}: `{}`",
                lp.pack.id,
                q.ask
            );
        }
    }
}
