import GRDB

extension SchoolStore {
    /// The schema, one named migration at a time. Migrations are never edited once released: a change
    /// is a new migration.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: school, roster, consent, posts, audit") { db in
            try db.execute(
                sql: """
                    CREATE TABLE school (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        name TEXT NOT NULL,
                        brin TEXT,
                        timeZone TEXT NOT NULL,
                        phone TEXT, email TEXT, website TEXT, iban TEXT, address TEXT,
                        schoolYear TEXT NOT NULL CHECK (schoolYear GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]'),
                        hours TEXT -- JSON of SchoolContext.Hours
                    );
                    CREATE TABLE staff (
                        id TEXT PRIMARY KEY,
                        name TEXT,
                        role TEXT NOT NULL CHECK (role IN ('teacher', 'directie', 'admin')),
                        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
                        deactivatedAt TEXT
                    );
                    CREATE TABLE "group" (
                        id TEXT PRIMARY KEY,
                        name TEXT,
                        kind TEXT NOT NULL CHECK (kind IN ('class', 'school', 'council'))
                    );
                    CREATE TABLE groupTeacher (
                        groupId TEXT NOT NULL REFERENCES "group"(id) ON DELETE CASCADE,
                        staffId TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
                        PRIMARY KEY (groupId, staffId)
                    );
                    -- Council members are parents or staff, so no foreign key to one of them.
                    CREATE TABLE groupMember (
                        groupId TEXT NOT NULL REFERENCES "group"(id) ON DELETE CASCADE,
                        memberId TEXT NOT NULL,
                        PRIMARY KEY (groupId, memberId)
                    );
                    CREATE TABLE parent (
                        id TEXT PRIMARY KEY,
                        name TEXT,
                        email TEXT
                    );
                    CREATE TABLE pupil (
                        id TEXT PRIMARY KEY,
                        firstName TEXT NOT NULL,
                        lastName TEXT,
                        groupId TEXT REFERENCES "group"(id) ON DELETE SET NULL
                    );
                    CREATE INDEX pupilGroup ON pupil(groupId);
                    CREATE TABLE parentChild (
                        parentId TEXT NOT NULL REFERENCES parent(id) ON DELETE CASCADE,
                        pupilId TEXT NOT NULL REFERENCES pupil(id) ON DELETE CASCADE,
                        PRIMARY KEY (parentId, pupilId)
                    );
                    -- Consent history: one row per decision, never updated. The latest row per pupil,
                    -- purpose and school year is the one in force.
                    CREATE TABLE consentRecord (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        pupilId TEXT NOT NULL REFERENCES pupil(id) ON DELETE CASCADE,
                        purpose TEXT NOT NULL CHECK (purpose IN ('portalPhoto', 'portalName', 'externalPhoto', 'externalName')),
                        schoolYear TEXT NOT NULL,
                        decision TEXT NOT NULL CHECK (decision IN ('given', 'refused', 'withdrawn')),
                        recordedBy TEXT NOT NULL,
                        recordedAt TEXT NOT NULL,
                        source TEXT NOT NULL CHECK (source IN ('paper', 'app', 'import', 'email', 'verbal')),
                        note TEXT
                    );
                    CREATE INDEX consentCurrent ON consentRecord(pupilId, schoolYear, purpose, id);
                    CREATE TRIGGER consentRecordNoUpdate BEFORE UPDATE ON consentRecord
                        BEGIN SELECT RAISE(ABORT, 'consent history is never overwritten; record a new decision'); END;
                    CREATE TABLE post (
                        id TEXT PRIMARY KEY,
                        kind TEXT NOT NULL CHECK (kind IN ('post', 'comment')),
                        channel TEXT NOT NULL CHECK (channel IN ('portal', 'website')),
                        groupId TEXT,
                        authorId TEXT,
                        authorRole TEXT,
                        postedAt TEXT,
                        postedAtEpoch INTEGER,
                        text TEXT, -- NULL once purged
                        verdict TEXT NOT NULL CHECK (verdict IN ('allow', 'warn', 'review', 'block')),
                        status TEXT NOT NULL CHECK (status IN ('published', 'review', 'rejected', 'removed')),
                        report TEXT NOT NULL, -- the engine's report as JSON
                        submittedAt TEXT NOT NULL,
                        purgedAt TEXT
                    );
                    CREATE INDEX postGroupTime ON post(groupId, postedAtEpoch);
                    CREATE INDEX postStatus ON post(status, submittedAt);
                    -- Which pupils a post shows (image) or names (text): what to take down on withdrawal.
                    CREATE TABLE postPupil (
                        postId TEXT NOT NULL REFERENCES post(id) ON DELETE CASCADE,
                        pupilId TEXT NOT NULL REFERENCES pupil(id) ON DELETE CASCADE,
                        how TEXT NOT NULL CHECK (how IN ('image', 'name')),
                        PRIMARY KEY (postId, pupilId, how)
                    );
                    CREATE INDEX postPupilByPupil ON postPupil(pupilId);
                    -- Who changed what, when. Append-only: no update, no delete.
                    CREATE TABLE auditLog (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        at TEXT NOT NULL,
                        actor TEXT NOT NULL,
                        action TEXT NOT NULL,
                        subject TEXT,
                        detail TEXT
                    );
                    CREATE TRIGGER auditLogNoUpdate BEFORE UPDATE ON auditLog
                        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                    CREATE TRIGGER auditLogNoDelete BEFORE DELETE ON auditLog
                        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                    """)
        }
        migrator.registerMigration("v2: API tokens, review decisions, revision") { db in
            try db.execute(
                sql: """
                    -- Bearer tokens: only a SHA-256 of the secret is stored; the token is shown once.
                    CREATE TABLE apiToken (
                        id TEXT PRIMARY KEY,
                        secretHash TEXT NOT NULL,
                        subjectId TEXT NOT NULL,
                        role TEXT NOT NULL CHECK (role IN ('teacher', 'directie', 'admin', 'parent')),
                        label TEXT,
                        createdAt TEXT NOT NULL,
                        createdBy TEXT NOT NULL,
                        revokedAt TEXT
                    );
                    CREATE INDEX apiTokenSubject ON apiToken(subjectId);
                    CREATE TABLE reviewDecision (
                        postId TEXT PRIMARY KEY REFERENCES post(id) ON DELETE CASCADE,
                        decision TEXT NOT NULL CHECK (decision IN ('approve', 'reject', 'remove')),
                        reason TEXT NOT NULL,
                        decidedBy TEXT NOT NULL,
                        decidedAt TEXT NOT NULL
                    );
                    -- Bumped by every change to the school's facts and tokens (not by posts), so a server can
                    -- keep its prepared context and verified tokens until something changed, whichever
                    -- process changed it.
                    CREATE TABLE revision (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
                    INSERT INTO revision (id, value) VALUES (1, 0);
                    """)
            for table in [
                "school", "staff", "group", "groupTeacher", "groupMember", "parent", "pupil", "parentChild", "consentRecord", "apiToken",
            ] {
                for event in ["INSERT", "UPDATE", "DELETE"] {
                    try db.execute(
                        sql: """
                            CREATE TRIGGER revision_\(table)_\(event.lowercased()) AFTER \(event) ON "\(table)"
                            BEGIN UPDATE revision SET value = value + 1 WHERE id = 1; END
                            """)
                }
            }
        }
        migrator.registerMigration("v3: comments answer a post") { db in
            try db.execute(sql: "ALTER TABLE post ADD COLUMN replyTo TEXT")
        }
        migrator.registerMigration("v4: staff sign-in for the web pages") { db in
            try db.execute(
                sql: """
                    -- A bcrypt hash, never the password; e-mail is an alternative login name (unique, lower case).
                    ALTER TABLE staff ADD COLUMN email TEXT;
                    ALTER TABLE staff ADD COLUMN passwordHash TEXT;
                    CREATE UNIQUE INDEX staffEmail ON staff(email) WHERE email IS NOT NULL;
                    -- Seed 002: a second factor for systems with pupil data. The TOTP key, whether the
                    -- authenticator app was confirmed, and the last time step used (a code counts once).
                    CREATE TABLE secondFactor (
                        staffId TEXT PRIMARY KEY REFERENCES staff(id) ON DELETE CASCADE,
                        secret TEXT NOT NULL,
                        confirmedAt TEXT,
                        lastStep INTEGER NOT NULL DEFAULT 0
                    );
                    -- Recovery codes, hashed; each works once.
                    CREATE TABLE recoveryCode (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        staffId TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
                        codeHash TEXT NOT NULL,
                        usedAt TEXT
                    );
                    CREATE INDEX recoveryCodeStaff ON recoveryCode(staffId);
                    -- Browser sessions: the cookie's SHA-256 only. They survive a restart of the server.
                    CREATE TABLE webSession (
                        idHash TEXT PRIMARY KEY,
                        staffId TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
                        csrf TEXT NOT NULL,
                        secondFactor INTEGER NOT NULL DEFAULT 0,
                        createdAt REAL NOT NULL,
                        lastSeenAt REAL NOT NULL
                    );
                    CREATE INDEX webSessionStaff ON webSession(staffId);
                    """)
        }
        migrator.registerMigration("v5: the categories of a post's findings, and posts by author") { db in
            try db.execute(
                sql: """
                    -- The categories of the report's findings, sorted and comma-separated: the review
                    -- queue, its filter and an author's history read them without decoding the report.
                    ALTER TABLE post ADD COLUMN categories TEXT NOT NULL DEFAULT '';
                    UPDATE post SET categories = COALESCE((
                        SELECT group_concat(category, ',') FROM (
                            SELECT DISTINCT json_extract(value, '$.category') AS category
                            FROM json_each(post.report, '$.findings') ORDER BY category)), '');
                    CREATE INDEX postAuthor ON post(authorId, submittedAt);
                    """)
        }
        return migrator
    }
}
