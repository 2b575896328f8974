//! Each stage of one inbound message, measured on its own so it can be held against its own
//! ceiling: signature check, a flow step, sealing to 1/3/10 recipients, sealing and opening a
//! draft, and wrapping a reporter key under a receipt. Run: `cargo bench --bench stages`.

use std::hint::black_box;

use buzon::channels::twilio;
use buzon::crypto::{Keys, ReporterKey, SenderId, ServerSecret, seal_envelope};
use buzon::domain::{Channel, Lang, Receipt};
use buzon::intake::{Context, classify, clean_text, step};
use buzon::routing::Routing;
use criterion::{Criterion, criterion_group, criterion_main};

fn routing() -> Routing {
    let key = age::x25519::Identity::generate().to_public();
    Routing::parse(
        &format!(
            "[[org]]\nid = \"cndh\"\nname = \"CNDH\"\nkind = \"human_rights_commission\"\n\
             recipients = [\"{key}\"]\n[fallback]\nto = [\"cndh\"]\n"
        ),
        "bench",
    )
    .expect("routing")
}

fn stages(c: &mut Criterion) {
    let params = [
        ("MessageSid", "SM0123456789abcdef0123456789abcdef"),
        ("From", "+5215551234567"),
        ("To", "+525500000000"),
        (
            "Body",
            "Los agentes de migracion me quitaron el dinero en el reten",
        ),
    ];
    let url = "https://buzon.example/webhooks/sms/twilio";
    let body = "MessageSid=SM0123456789abcdef0123456789abcdef&From=%2B5215551234567\
                &To=%2B525500000000&Body=Los+agentes+de+migracion+me+quitaron+el+dinero+en+el+reten";
    let sig = twilio::TwilioSignature::parse(&twilio::sign(b"token", url, &params)).expect("sig");
    c.bench_function("twilio_signature_check", |b| {
        b.iter(|| {
            let form = twilio::RawForm::parse(black_box(body.as_bytes()));
            assert!(twilio::verify(b"token", url, &form, &sig));
        })
    });

    let routing = routing();
    let langs = vec![Lang::spanish(), Lang::parse("en").expect("en")];
    let ctx = Context {
        languages: &langs,
        greeting_only: &[],
        routing: &routing,
        hint: None,
        volunteer: None,
    };
    c.bench_function("flow_step_first_message", |b| {
        b.iter(|| {
            let input = classify(&clean_text(black_box(params[3].1)));
            black_box(step(None, input, &ctx))
        })
    });

    let complaint = vec![b'x'; 2048];
    for n in [1usize, 3, 10] {
        let recipients: Vec<_> = (0..n)
            .map(|_| age::x25519::Identity::generate().to_public())
            .collect();
        c.bench_function(&format!("seal_2k_to_{n}_recipients"), |b| {
            b.iter(|| black_box(seal_envelope(&complaint, &recipients).expect("seal")))
        });
    }

    let dir = tempfile::tempdir().expect("tempdir");
    let keys = Keys::derive(&ServerSecret::load_or_create(dir.path()).expect("secret"));
    let sender = SenderId::new(Channel::Sms, "+5215551234567");
    let draft = vec![b'd'; 1024];
    c.bench_function("draft_seal_and_open_1k", |b| {
        b.iter(|| {
            let sealed = keys.seal_draft(&sender, black_box(&draft));
            black_box(keys.open_draft(&sender, &sealed))
        })
    });
    c.bench_function("pseudonym", |b| {
        b.iter(|| black_box(keys.pseudonym(&sender)))
    });

    let reporter = ReporterKey::generate();
    let receipt = Receipt::generate();
    c.bench_function("wrap_reporter_key", |b| {
        b.iter(|| black_box(reporter.wrap(&keys, &receipt)))
    });
}

criterion_group!(benches, stages);
criterion_main!(benches);
