-- eventcoder store, schema version 1.
--
-- documents : one row per input document (coded, no-event or quarantined)
-- mentions  : one row per coded event occurrence (= one eventcoder.model.Event),
--             the columns of eventcoder.model.flat_columns() plus event_key
-- events    : de-duplicated events (clusters of mentions), GDELT's events table
-- actors    : one row per actor code seen in mentions
--
-- mentions.event_key references events.event_key.  The reference is kept by the
-- store (every write re-clusters and rewrites both sides in one transaction); it
-- is not declared as a FOREIGN KEY because DuckDB cannot re-point referencing
-- rows and delete the referenced row inside one transaction.

CREATE TABLE documents (
    doc_id        VARCHAR PRIMARY KEY,
    date          DATE,
    source        VARCHAR,          -- outlet / publisher
    url           VARCHAR,
    title         VARCHAR,
    origin        VARCHAR,          -- input file the document came from
    line          INTEGER,          -- 1-based line in origin
    content_hash  VARCHAR,          -- Article.content_hash (NULL for quarantined records)
    status        VARCHAR NOT NULL CHECK (status IN ('coded', 'no-event', 'quarantined')),
    reason        VARCHAR,          -- why a document was quarantined
    n_events      INTEGER NOT NULL DEFAULT 0,
    ingested_at   TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE mentions (
    event_id              VARCHAR PRIMARY KEY,
    doc_id                VARCHAR NOT NULL,
    sentence_index        INTEGER,
    sentence              VARCHAR,
    date                  DATE NOT NULL,
    date_precision        VARCHAR,
    publication_date      DATE,
    source_code           VARCHAR NOT NULL,
    source_country        VARCHAR,
    source_sectors        VARCHAR,
    source_name           VARCHAR,
    source_text           VARCHAR,
    source_start          INTEGER,
    source_end            INTEGER,
    source_implicit       BOOLEAN,
    source_resolved_by    VARCHAR,
    source_entry          VARCHAR,
    target_code           VARCHAR,
    target_country        VARCHAR,
    target_sectors        VARCHAR,
    target_name           VARCHAR,
    target_text           VARCHAR,
    target_start          INTEGER,
    target_end            INTEGER,
    target_implicit       BOOLEAN,
    target_resolved_by    VARCHAR,
    target_entry          VARCHAR,
    cameo_code            VARCHAR NOT NULL,
    cameo_root            VARCHAR,
    quad_class            INTEGER,
    goldstein             DOUBLE,
    plover_type           VARCHAR,
    negated               BOOLEAN,
    modality              VARCHAR,
    historical            BOOLEAN,
    trigger_text          VARCHAR,
    trigger_start         INTEGER,
    trigger_end           INTEGER,
    rule                  VARCHAR,
    plover_mode           VARCHAR,
    location_name         VARCHAR,
    location_country      VARCHAR,
    location_admin1       VARCHAR,
    location_lat          DOUBLE,
    location_lon          DOUBLE,
    location_gazetteer_id VARCHAR,
    location_precision    VARCHAR,
    doc_source            VARCHAR,
    url                   VARCHAR,
    event_key             VARCHAR    -- references events.event_key
);

CREATE TABLE events (
    event_key      VARCHAR PRIMARY KEY,  -- md5(source|target|base|first date)[:16]
    date           DATE NOT NULL,        -- earliest mention date
    end_date       DATE NOT NULL,        -- latest mention date
    source_code    VARCHAR NOT NULL,
    target_code    VARCHAR,
    source_country VARCHAR,
    target_country VARCHAR,
    cameo_base     VARCHAR NOT NULL,     -- first three digits of the CAMEO code
    cameo_code     VARCHAR NOT NULL,     -- commonest full code among the mentions
    cameo_root     VARCHAR,
    quad_class     INTEGER,
    goldstein      DOUBLE,
    plover_type    VARCHAR,
    num_mentions   INTEGER NOT NULL,
    num_sources    INTEGER NOT NULL,     -- distinct outlets
    num_articles   INTEGER NOT NULL,     -- distinct documents
    first_seen     DATE,                 -- earliest publication date of a mention
    last_seen      DATE,                 -- latest publication date of a mention
    rep_event_id   VARCHAR NOT NULL      -- representative mention (earliest)
);

CREATE TABLE actors (
    code        VARCHAR PRIMARY KEY,
    country     VARCHAR,
    sectors     VARCHAR,
    name        VARCHAR,                 -- commonest name
    n_mentions  INTEGER NOT NULL,
    n_events    INTEGER NOT NULL
);

-- settings the stored data depend on (e.g. the de-duplication window)
CREATE TABLE store_meta (
    key    VARCHAR PRIMARY KEY,
    value  VARCHAR
);
