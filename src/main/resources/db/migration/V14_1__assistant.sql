-- assistant: conversations per user, with every turn's question, interpretation and answer
create table assistant_conversation (
    id         uuid        not null primary key,
    owner      text        not null,
    title      text        not null,
    created_at timestamptz not null,
    updated_at timestamptz not null
);
create index assistant_conversation_owner_idx on assistant_conversation (owner, updated_at desc, id desc);

create table assistant_turn (
    conversation_id uuid        not null references assistant_conversation (id),
    seq             int         not null,
    question        text        not null,
    interpretation  jsonb       not null,
    answer          text        not null,
    created_at      timestamptz not null,
    primary key (conversation_id, seq)
);
