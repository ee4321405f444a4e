//! The database a `review --url` names: its engine (from the scheme), the URL as every
//! message shows it (the password masked), and what the engine's own client is given.
//! A password never goes on a command line, where `ps` would show it: psql gets it in
//! `PGPASSWORD`, the MySQL clients in a private option file (`client`).

use super::super::Dialect;

/// A connection URL, taken apart.
#[derive(Debug, Clone)]
pub struct ConnectionUrl {
    pub dialect: Dialect,
    /// The URL with its password masked: the only form messages and output show.
    pub shown: String,
    /// The password, percent-decoded, when the URL gives one.
    pub password: Option<String>,
    pub client: Client,
}

/// What the engine's client is given.
#[derive(Debug, Clone)]
pub enum Client {
    /// psql's dbname: the URL as given, less its password.
    Psql { conninfo: String },
    /// mariadb or mysql options, each `--name=value`.
    MySql {
        /// The client to try first (`mariadb` for mariadb://), then the other.
        programs: [&'static str; 2],
        options: Vec<String>,
        database: String,
    },
}

/// The mask that stands for a password.
pub const MASK: &str = "***";

/// The query parameters of a URL that hold secrets, masked wherever the URL is shown.
const SECRET_PARAMETERS: [&str; 2] = ["password", "sslpassword"];

/// Parameters of a mysql:// URL handed to the client as `--name=value` (TLS, a socket,
/// the protocol); any other is refused rather than silently dropped.
const MYSQL_PARAMETERS: [&str; 12] = [
    "socket",
    "protocol",
    "ssl",
    "ssl-ca",
    "ssl-capath",
    "ssl-cert",
    "ssl-cipher",
    "ssl-key",
    "ssl-crl",
    "ssl-mode",
    "ssl-verify-server-cert",
    "connect-timeout",
];

impl ConnectionUrl {
    /// Reads a URL; the error says what is wrong with it, showing it masked.
    pub fn parse(url: &str) -> Result<ConnectionUrl, String> {
        let Some((scheme, _)) = url.split_once("://") else {
            return Err(
                "the URL must start with postgres://, postgresql://, mysql:// or mariadb://".into(),
            );
        };
        let (shown, password) = (mask(url), password_of(url));
        match scheme.to_ascii_lowercase().as_str() {
            "postgres" | "postgresql" => Ok(ConnectionUrl {
                dialect: Dialect::PostgreSql,
                client: Client::Psql {
                    conninfo: without_password(url),
                },
                shown,
                password,
            }),
            "mysql" | "mariadb" => {
                let programs = if scheme.eq_ignore_ascii_case("mariadb") {
                    ["mariadb", "mysql"]
                } else {
                    ["mysql", "mariadb"]
                };
                let (options, database) = mysql_options(url).map_err(|e| format!("{shown}: {e}"))?;
                Ok(ConnectionUrl {
                    dialect: Dialect::MySql,
                    client: Client::MySql {
                        programs,
                        options,
                        database,
                    },
                    shown,
                    password,
                })
            }
            other => Err(format!(
                "unknown scheme `{}` in {shown}: review reads postgres://, postgresql://, mysql:// and mariadb:// databases",
                crate::safe_text::line(other)
            )),
        }
    }

    /// `text` (a client's message) with the password masked wherever it appears.
    pub fn masked(&self, text: &str) -> String {
        match &self.password {
            Some(password) if !password.is_empty() => text
                .replace(password.as_str(), MASK)
                .replace(&percent_encode(password), MASK),
            _ => text.to_string(),
        }
    }
}

/// Where the authority (`user:password@host:port`) of a URL is: after `://`, up to the
/// first `/`, `?` or `#`.
fn authority(url: &str) -> Option<(usize, usize)> {
    let start = url.find("://")? + 3;
    let end = url[start..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |at| start + at);
    Some((start, end))
}

/// Where the password of the authority is (after the user's `:`, before the last `@`).
fn password_span(url: &str) -> Option<(usize, usize)> {
    let (start, end) = authority(url)?;
    let at = url[start..end].rfind('@')? + start;
    let colon = url[start..at].find(':')? + start;
    Some((colon + 1, at))
}

/// The query's `name=value` pairs with where each value is.
fn parameters(url: &str) -> Vec<(&str, (usize, usize))> {
    let Some(question) = url.find('?') else {
        return vec![];
    };
    let end = url[question..]
        .find('#')
        .map_or(url.len(), |at| question + at);
    let mut pairs = Vec::new();
    let mut at = question + 1;
    for pair in url[question + 1..end].split('&') {
        if let Some((name, _)) = pair.split_once('=') {
            let value_start = at + name.len() + 1;
            pairs.push((name, (value_start, at + pair.len())));
        }
        at += pair.len() + 1;
    }
    pairs
}

/// The URL with its password, and any `password=` parameter, shown as `***`.
pub fn mask(url: &str) -> String {
    let mut spans: Vec<(usize, usize)> = password_span(url).into_iter().collect();
    spans.extend(
        parameters(url)
            .into_iter()
            .filter(|(name, _)| SECRET_PARAMETERS.contains(&name.to_ascii_lowercase().as_str()))
            .map(|(_, span)| span),
    );
    replace_spans(url, &spans, MASK)
}

/// The password the URL gives (in its authority or as `password=`), decoded.
fn password_of(url: &str) -> Option<String> {
    if let Some((from, to)) = password_span(url) {
        return Some(percent_decode(&url[from..to]));
    }
    parameters(url)
        .into_iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("password"))
        .map(|(_, (from, to))| percent_decode(&url[from..to]))
}

/// The URL less its password: psql reads that from `PGPASSWORD` instead.
fn without_password(url: &str) -> String {
    let url = match password_span(url) {
        // `user:secret@` becomes `user@`.
        Some((from, to)) => format!("{}{}", &url[..from - 1], &url[to..]),
        None => url.to_string(),
    };
    let Some(question) = url.find('?') else {
        return url;
    };
    let (base, rest) = url.split_at(question);
    let (query, fragment) = match rest.find('#') {
        Some(hash) => (&rest[1..hash], &rest[hash..]),
        None => (&rest[1..], ""),
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| {
            let name = pair.split('=').next().unwrap_or("");
            !pair.is_empty() && !name.eq_ignore_ascii_case("password")
        })
        .collect();
    if kept.is_empty() {
        format!("{base}{fragment}")
    } else {
        format!("{base}?{}{fragment}", kept.join("&"))
    }
}

fn replace_spans(text: &str, spans: &[(usize, usize)], with: &str) -> String {
    let mut spans = spans.to_vec();
    spans.sort();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (from, to) in spans {
        if from < at {
            continue;
        }
        out.push_str(&text[at..from]);
        out.push_str(with);
        at = to;
    }
    out.push_str(&text[at..]);
    out
}

/// `%XX` sequences decoded (a `%` not followed by two hex digits is kept).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Everything but unreserved characters as `%XX`: how a password may appear in a URL.
fn percent_encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// The mysql client's options for a mysql:// URL, and its database.
fn mysql_options(url: &str) -> Result<(Vec<String>, String), String> {
    let parsed = url::Url::parse(url).map_err(|e| format!("not a URL the client can use ({e})"))?;
    let mut options = Vec::new();
    if let Some(host) = parsed.host_str().filter(|h| !h.is_empty()) {
        let host = host.trim_start_matches('[').trim_end_matches(']');
        options.push(format!("--host={}", percent_decode(host)));
    }
    if let Some(port) = parsed.port() {
        options.push(format!("--port={port}"));
    }
    if !parsed.username().is_empty() {
        options.push(format!("--user={}", percent_decode(parsed.username())));
    }
    let database = percent_decode(parsed.path().trim_start_matches('/'));
    if database.is_empty() || database.contains('/') {
        return Err("the URL names no database (mysql://USER@HOST:PORT/DATABASE)".into());
    }
    for (name, value) in parsed.query_pairs() {
        let name = name.to_ascii_lowercase().replace('_', "-");
        if name == "password" {
            continue;
        }
        if !MYSQL_PARAMETERS.contains(&name.as_str()) {
            return Err(format!(
                "the parameter `{}` is not one review hands to the client ({})",
                crate::safe_text::line(&name),
                MYSQL_PARAMETERS.join(", ")
            ));
        }
        options.push(format!("--{name}={value}"));
    }
    Ok((options, database))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_is_masked_in_the_authority_and_the_query() {
        assert_eq!(
            mask("postgres://app:s3cr%40t@db:5432/shop?sslmode=require"),
            "postgres://app:***@db:5432/shop?sslmode=require"
        );
        assert_eq!(
            mask("postgresql:///shop?host=/run/pg&password=x&user=app"),
            "postgresql:///shop?host=/run/pg&password=***&user=app"
        );
        assert_eq!(
            mask("postgresql://app@h1:5432,h2:5433/shop"),
            "postgresql://app@h1:5432,h2:5433/shop"
        );
        // An `@` in the password (unencoded) still ends at the last one.
        assert_eq!(mask("mysql://u:p@ss@h/db"), "mysql://u:***@h/db");
    }

    #[test]
    fn psql_gets_the_url_less_its_password_which_goes_apart() {
        let t = ConnectionUrl::parse("postgres://app:s3cr%40t@db/shop?password=no&sslmode=require")
            .unwrap();
        assert_eq!(t.dialect, Dialect::PostgreSql);
        assert_eq!(t.password.as_deref(), Some("s3cr@t"));
        let Client::Psql { conninfo } = &t.client else {
            panic!()
        };
        assert_eq!(conninfo, "postgres://app@db/shop?sslmode=require");
        let t = ConnectionUrl::parse("postgresql:///shop?password=p%20w").unwrap();
        assert_eq!(t.password.as_deref(), Some("p w"));
        let Client::Psql { conninfo } = &t.client else {
            panic!()
        };
        assert_eq!(conninfo, "postgresql:///shop");
        assert_eq!(t.masked("bad p w and p%20w"), "bad *** and ***");
    }

    #[test]
    fn a_mysql_url_becomes_client_options_and_its_password_stays_out_of_them() {
        let t =
            ConnectionUrl::parse("mariadb://app:p%22a%23s@127.0.0.1:3307/shop?socket=/tmp/my.sock")
                .unwrap();
        assert_eq!(t.dialect, Dialect::MySql);
        assert_eq!(t.password.as_deref(), Some("p\"a#s"));
        let Client::MySql {
            programs,
            options,
            database,
        } = &t.client
        else {
            panic!()
        };
        assert_eq!(programs, &["mariadb", "mysql"]);
        assert_eq!(database, "shop");
        assert_eq!(
            options,
            &[
                "--host=127.0.0.1",
                "--port=3307",
                "--user=app",
                "--socket=/tmp/my.sock"
            ]
        );
        assert!(ConnectionUrl::parse("mysql://h/")
            .unwrap_err()
            .contains("names no database"));
        let err = ConnectionUrl::parse("mysql://u:secret@h/db?init-command=DROP").unwrap_err();
        assert!(
            err.contains("`init-command`") && !err.contains("secret"),
            "{err}"
        );
        let err = ConnectionUrl::parse("sqlite://u:secret@x/db").unwrap_err();
        assert!(
            err.contains("unknown scheme `sqlite`") && !err.contains("secret"),
            "{err}"
        );
        assert!(ConnectionUrl::parse("host=db password=secret")
            .unwrap_err()
            .starts_with("the URL must start with"));
    }
}
