-- Huizong's own tables. Portable SQL for H2 2.x and PostgreSQL 14+; every statement is idempotent.
-- Every column fed by text from a submission (sheet names, cell values, messages quoting them) is unbounded
-- VARCHAR: the value is cut in Java at one Excel cell's 32,767 characters (SubmittedText), never by the
-- database. Databases created bounded by earlier versions are widened at start-up (SchemaMigration).

-- One consolidation run.
CREATE TABLE IF NOT EXISTS hz_run (
    run_id            VARCHAR(40) PRIMARY KEY,
    job_execution_id  BIGINT,
    trigger_source    VARCHAR(20),
    campaign_id       VARCHAR(100),
    rules_fp          VARCHAR(64),
    input_dir         VARCHAR(2000),
    output_dir        VARCHAR(2000),
    started_at        TIMESTAMP WITH TIME ZONE,
    finished_at       TIMESTAMP WITH TIME ZONE,
    status            VARCHAR(20),
    files_total       INT,
    files_read        INT,
    rows_accepted     INT,
    rows_rejected     INT,
    data_run_id       VARCHAR(40),
    published         BOOLEAN DEFAULT FALSE,
    -- the console user who started the run (null for the command line and the schedule)
    started_by        VARCHAR(200)
);

-- One consolidation at a time, across processes and entry points (see RunLock). Times are the database's.
CREATE TABLE IF NOT EXISTS hz_lock (
    name            VARCHAR(40) PRIMARY KEY,
    owner           VARCHAR(40) NOT NULL,
    run_id          VARCHAR(40),
    trigger_source  VARCHAR(20),
    host            VARCHAR(200),
    pid             BIGINT,
    started_at      TIMESTAMP WITH TIME ZONE,
    heartbeat_at    TIMESTAMP WITH TIME ZONE,
    -- when the holder's process started (from the OS), so that a reused pid is not taken for the holder
    process_started_at TIMESTAMP WITH TIME ZONE,
    -- the console user who started the run (null for the command line and the schedule)
    started_by      VARCHAR(200),
    -- set by another process (or console) to ask the holder to stop at its next file
    stop_requested_at TIMESTAMP WITH TIME ZONE
);

-- The registry as it was for the run (units expected to submit).
CREATE TABLE IF NOT EXISTS hz_unit (
    run_id     VARCHAR(40) NOT NULL,
    position   INT NOT NULL,
    name       VARCHAR(200) NOT NULL,
    unit_type  VARCHAR(20) NOT NULL,
    city       VARCHAR(100),
    PRIMARY KEY (run_id, name)
);

-- The run's manifest (every file and archive member) and, after resolution, each file's outcome.
CREATE TABLE IF NOT EXISTS hz_file (
    run_id          VARCHAR(40) NOT NULL,
    file_no         INT NOT NULL,
    path            VARCHAR NOT NULL,
    disk_path       VARCHAR,
    archive_no      INT,
    member_name     VARCHAR,
    sha256          VARCHAR(64),
    size_bytes      BIGINT,
    received_at     TIMESTAMP WITH TIME ZONE,
    kind            VARCHAR(20),
    reject_code     VARCHAR(40),
    reject_detail   VARCHAR,
    path_unit       VARCHAR(200),
    content_key     VARCHAR(120),
    unit            VARCHAR(200),
    template        VARCHAR(40),
    status          VARCHAR(20),
    late            BOOLEAN,
    rows_read       INT,
    rows_accepted   INT,
    rows_rejected   INT,
    rows_duplicate  INT,
    rows_over_quota INT,
    rows_superseded INT,
    PRIMARY KEY (run_id, file_no)
);

-- What reading one file's bytes found, under one set of rules (campaign + registry + code version).
-- Shared by every run and every copy of the same bytes: an unchanged file is never read twice.
CREATE TABLE IF NOT EXISTS hz_content (
    content_key      VARCHAR(120) PRIMARY KEY,
    sha256           VARCHAR(64) NOT NULL,
    template         VARCHAR(40),
    unit_text        VARCHAR,
    unit             VARCHAR(200),
    rows_read        INT,
    failure_code     VARCHAR(40),
    failure_message  VARCHAR,
    failure_sheet    VARCHAR,
    failure_row      INT,
    read_by_run      VARCHAR(40),
    created_at       TIMESTAMP WITH TIME ZONE,
    -- every template of a workbook holding several tables, comma-separated (null when it holds one)
    templates        VARCHAR(400)
);

-- When a run first saw each received content (by SHA-256). The feedback letter about a file was written by
-- that run, so a correction's lateness is judged from it. Kept like the evidence store: never pruned.
CREATE TABLE IF NOT EXISTS hz_seen (
    sha256         VARCHAR(64) PRIMARY KEY,
    first_run_id   VARCHAR(40),
    first_seen_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE IF NOT EXISTS hz_row (
    content_key   VARCHAR(120) NOT NULL,
    row_no        INT NOT NULL,
    sheet         VARCHAR,
    sheet_index   INT,
    excel_row     INT,
    vals          VARCHAR,
    has_error     BOOLEAN,
    duplicate_of  INT,
    seq           INT,
    group_key     VARCHAR,
    claimed_type  VARCHAR(20),
    claimed_text  VARCHAR,
    claimed_col   VARCHAR,
    group_col     VARCHAR,
    template      VARCHAR(40),
    PRIMARY KEY (content_key, row_no)
);

CREATE TABLE IF NOT EXISTS hz_content_issue (
    content_key  VARCHAR(120) NOT NULL,
    issue_no     INT NOT NULL,
    sheet        VARCHAR,
    excel_row    INT,
    col          VARCHAR,
    code         VARCHAR(40),
    severity     VARCHAR(10),
    message      VARCHAR,
    row_no       INT,
    PRIMARY KEY (content_key, issue_no)
);

-- Master table: every data row of the run with its final status and lineage (file, sheet, Excel row).
CREATE TABLE IF NOT EXISTS hz_record (
    run_id       VARCHAR(40) NOT NULL,
    file_no      INT NOT NULL,
    row_no       INT NOT NULL,
    content_key  VARCHAR(120) NOT NULL,
    template     VARCHAR(40),
    unit         VARCHAR(200),
    status       VARCHAR(20),
    quota_rank   INT,
    PRIMARY KEY (run_id, file_no, row_no)
);

-- Every issue of the run, file level and row level, as published in issues.csv.
CREATE TABLE IF NOT EXISTS hz_issue (
    run_id     VARCHAR(40) NOT NULL,
    file_no    INT NOT NULL,
    issue_no   INT NOT NULL,
    unit       VARCHAR(200),
    sheet      VARCHAR,
    excel_row  INT,
    col        VARCHAR,
    severity   VARCHAR(10),
    code       VARCHAR(40),
    message    VARCHAR,
    row_no     INT,
    PRIMARY KEY (run_id, file_no, issue_no)
);

CREATE TABLE IF NOT EXISTS hz_quota (
    run_id       VARCHAR(40) NOT NULL,
    unit         VARCHAR(200) NOT NULL,
    unit_type    VARCHAR(20),
    quota        INT,
    valid_cases  INT,
    accepted     INT,
    over_quota   INT,
    PRIMARY KEY (run_id, unit)
);

CREATE TABLE IF NOT EXISTS hz_completeness (
    run_id          VARCHAR(40) NOT NULL,
    position        INT,
    unit            VARCHAR(200) NOT NULL,
    unit_type       VARCHAR(20),
    city            VARCHAR(100),
    files_sent      INT,
    files_rejected  INT,
    -- documents (campaigns with write-up rules, else NULL): write-ups received, accepted cases with a linked
    -- write-up, accepted cases, and the plan's status (submitted, late, missing, not_required)
    writeups_received  INT,
    writeups_linked    INT,
    writeups_expected  INT,
    plan_status        VARCHAR(20),
    PRIMARY KEY (run_id, unit)
);

-- Each registry unit's status per template (submitted, late, missing, none, not_required): one row per unit
-- and template, so that a campaign may have any number of templates; completeness.csv pivots it.
CREATE TABLE IF NOT EXISTS hz_completeness_status (
    run_id    VARCHAR(40) NOT NULL,
    unit      VARCHAR(200) NOT NULL,
    template  VARCHAR(40) NOT NULL,
    status    VARCHAR(20),
    PRIMARY KEY (run_id, unit, template)
);

-- Every message fetch-mail has seen in the campaign mailbox, by mailbox (user@host), folder, UIDVALIDITY and UID:
-- a message is stored once, whatever was interrupted. state: storing (its attachments are being written) or done.
-- kind: attachments, no_attachment, cloud_link (only a link to a 超大附件/云附件), auto_reply, bounce (ignored).
CREATE TABLE IF NOT EXISTS hz_mail_in (
    mailbox       VARCHAR(400) NOT NULL,
    folder        VARCHAR(400) NOT NULL,
    uid_validity  BIGINT NOT NULL,
    uid           BIGINT NOT NULL,
    message_id    VARCHAR,
    sender        VARCHAR(400),
    subject       VARCHAR,
    received_at   TIMESTAMP WITH TIME ZONE,
    fetched_at    TIMESTAMP WITH TIME ZONE,
    inbox_dir     VARCHAR(2000),
    kind          VARCHAR(20),
    unit          VARCHAR(200),
    note          VARCHAR,
    attachments   INT,
    state         VARCHAR(10) NOT NULL,
    PRIMARY KEY (mailbox, folder, uid_validity, uid)
);

-- Each attachment fetch-mail writes into the inbox (path relative to it). The row is written before the file
-- (the path is reserved, so a rerun after a crash writes the same file, never a second copy) and marked stored
-- after; intake takes received_at (the message's INTERNALDATE), sender and subject from it.
CREATE TABLE IF NOT EXISTS hz_mail_file (
    mailbox       VARCHAR(400) NOT NULL,
    folder        VARCHAR(400) NOT NULL,
    uid_validity  BIGINT NOT NULL,
    uid           BIGINT NOT NULL,
    part_no       INT NOT NULL,
    inbox_dir     VARCHAR(2000) NOT NULL,
    path          VARCHAR(1000) NOT NULL,
    name          VARCHAR,
    sha256        VARCHAR(64),
    size_bytes    BIGINT,
    received_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    sender        VARCHAR(400),
    subject       VARCHAR,
    stored        BOOLEAN DEFAULT FALSE,
    PRIMARY KEY (mailbox, folder, uid_validity, uid, part_no)
);

-- Every letter sent (feedback, reminder), keyed by what makes it the same letter: a unit's feedback by the unit and
-- the content of its issues, a reminder by unit, template and day. state: pending (tried, not sent yet) or sent.
CREATE TABLE IF NOT EXISTS hz_mail_out (
    letter_key    VARCHAR(120) PRIMARY KEY,
    kind          VARCHAR(20) NOT NULL,
    run_id        VARCHAR(40),
    unit          VARCHAR(200) NOT NULL,
    template      VARCHAR(40),
    content_sha   VARCHAR(64),
    recipients    VARCHAR(2000),
    subject       VARCHAR,
    message_id    VARCHAR(400),
    eml_path      VARCHAR(2000),
    state         VARCHAR(20) NOT NULL,
    error         VARCHAR,
    attempts      INT,
    created_at    TIMESTAMP WITH TIME ZONE,
    sent_at       TIMESTAMP WITH TIME ZONE
);

CREATE UNIQUE INDEX IF NOT EXISTS hz_mail_file_path ON hz_mail_file (inbox_dir, path);
CREATE INDEX IF NOT EXISTS hz_file_sha ON hz_file (run_id, sha256);
CREATE INDEX IF NOT EXISTS hz_file_content ON hz_file (content_key);
CREATE INDEX IF NOT EXISTS hz_record_unit ON hz_record (run_id, template, unit);

-- What the feeds compute in Java from a staged row (a keyed column's key, a 完成时限 read as a date), in the
-- order the feed has them, encoded like hz_row.vals; read by the BI views (BiViews), which cannot compute
-- them in SQL. Keyed by content like hz_row, and gone with it.
CREATE TABLE IF NOT EXISTS hz_row_derived (
    content_key  VARCHAR(120) NOT NULL,
    row_no       INT NOT NULL,
    vals         VARCHAR,
    PRIMARY KEY (content_key, row_no),
    FOREIGN KEY (content_key, row_no) REFERENCES hz_row (content_key, row_no) ON DELETE CASCADE
);

-- The BI views (hz_current_*) as last created: a view is replaced only when its definition changed, since
-- replacing it locks out its readers for a moment. The row named by BiViews.CAMPAIGN holds the campaign file
-- they were made for (empty: the one bundled in the jar).
CREATE TABLE IF NOT EXISTS hz_view (
    name         VARCHAR(100) PRIMARY KEY,
    fingerprint  VARCHAR(2000)
);

-- Console users (web console and its API). Passwords are hashed by Spring Security's delegating encoder
-- ({bcrypt}…); no account exists until the first `serve` creates admin. Five failed logins in a row set
-- locked_until 15 minutes ahead.
CREATE TABLE IF NOT EXISTS hz_user (
    username       VARCHAR(64) PRIMARY KEY,
    password_hash  VARCHAR(200) NOT NULL,
    role           VARCHAR(20) NOT NULL,
    display_name   VARCHAR(200),
    enabled        BOOLEAN DEFAULT TRUE NOT NULL,
    failed_logins  INT DEFAULT 0 NOT NULL,
    locked_until   TIMESTAMP WITH TIME ZONE,
    created_at     TIMESTAMP WITH TIME ZONE,
    last_login_at  TIMESTAMP WITH TIME ZONE
);

-- What console users did: logins (success and failure), uploads, run start/stop/resume, downloads, user and
-- registry changes; who, when and from which address.
CREATE TABLE IF NOT EXISTS hz_audit (
    id         BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    happened_at TIMESTAMP WITH TIME ZONE NOT NULL,
    username   VARCHAR(200),
    address    VARCHAR(100),
    action     VARCHAR(40) NOT NULL,
    detail     VARCHAR
);
CREATE INDEX IF NOT EXISTS hz_audit_at ON hz_audit (happened_at);

-- What checking one received Word document found besides its issues (its kind, title and the pictures inside),
-- keyed like hz_content: the linking of write-ups to cases and pictures to the JPGs sent reads it every run.
CREATE TABLE IF NOT EXISTS hz_document (
    content_key  VARCHAR(120) PRIMARY KEY,
    kind         VARCHAR(20) NOT NULL,
    format       VARCHAR(10),
    title        VARCHAR,
    status       VARCHAR(20) NOT NULL,
    plans_shown  VARCHAR(100)  -- plan kinds whose every section it shows (city,school); NULL if staged before
);

CREATE TABLE IF NOT EXISTS hz_document_picture (
    content_key  VARCHAR(120) NOT NULL,
    picture_no   INT NOT NULL,
    paragraph    INT,
    name         VARCHAR,
    sha256       VARCHAR(64) NOT NULL,
    size_bytes   BIGINT,
    PRIMARY KEY (content_key, picture_no)
);

-- Per run, each document's link to its unit's case and how many of its pictures came as JPG files.
CREATE TABLE IF NOT EXISTS hz_document_link (
    run_id         VARCHAR(40) NOT NULL,
    file_no        INT NOT NULL,
    case_name      VARCHAR,
    pictures_sent  INT,
    PRIMARY KEY (run_id, file_no)
);
