#!/bin/sh
# Operating the integration with sdkit: the README's examples, run by
# cli/tests/playbook.rs against the stub SpotDraft. Needs the SPOTDRAFT_*
# API config (as for `sdkit api`), SDKIT_STORE (the store of `sdkit serve`)
# and DELIVERY (a dedupe key or job id from `sdkit log`).
set -eu

# snippet-start: reconcile
sdkit reconcile --since 24h   # a synthetic delivery per contract that changed unseen
sdkit reconcile --retrigger   # or ask SpotDraft to re-send, from the stored checkpoint
# snippet-end: reconcile

# snippet-start: webhooks
ID=$(sdkit webhooks create --title crm --url https://hooks.example.com/webhooks/spotdraft \
  --activity CONTRACT_EXECUTED)   # id, title, URL, activities and environment are kept
sdkit webhooks list               # from the store: SpotDraft cannot list webhooks
sdkit webhooks check              # exit 1 if one URL serves both UAT and production
sdkit webhooks delete "$ID"       # only ids the store knows (or --force)
# snippet-end: webhooks

# snippet-start: escalate
sdkit escalate "$DELIVERY" --log receiver.log --out escalation.json   # no names, emails, URLs
# snippet-end: escalate
