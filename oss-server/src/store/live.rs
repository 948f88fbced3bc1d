//! Live channels: their configuration rows (`live_channels`, schema v2). No stream is ever
//! received, so a channel is its configuration and nothing else.

use rusqlite::{params, OptionalExtension};

use super::db::db_error;
use super::{unix_now, Store};
use crate::errors::OssError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveChannel {
    pub name: String,
    pub description: String,
    /// `enabled` or `disabled`.
    pub status: String,
    pub frag_duration: u32,
    pub frag_count: u32,
    pub playlist_name: String,
    /// Unix seconds.
    pub last_modified: u64,
}

pub fn no_such_live_channel() -> OssError {
    OssError::new(404, "NoSuchLiveChannel", "The specified live channel does not exist.")
}

const COLUMNS: &str = "name, description, status, frag_duration, frag_count, playlist_name, last_modified";

fn from_row(row: &rusqlite::Row) -> rusqlite::Result<LiveChannel> {
    let name: Vec<u8> = row.get(0)?;
    Ok(LiveChannel {
        name: String::from_utf8_lossy(&name).into_owned(),
        description: row.get(1)?,
        status: row.get(2)?,
        frag_duration: row.get(3)?,
        frag_count: row.get(4)?,
        playlist_name: row.get(5)?,
        last_modified: row.get::<_, i64>(6)? as u64,
    })
}

impl Store {
    /// Creates the channel, or replaces the configuration of one that exists (PutLiveChannel).
    pub fn put_live_channel(&self, bucket: &str, channel: &LiveChannel) -> Result<(), OssError> {
        self.require_bucket(bucket)?;
        let conn = self.db.get()?;
        conn.execute(
            &format!(
                "INSERT OR REPLACE INTO live_channels (bucket, {COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
            ),
            params![
                bucket,
                channel.name.as_bytes(),
                channel.description,
                channel.status,
                channel.frag_duration,
                channel.frag_count,
                channel.playlist_name,
                unix_now() as i64
            ],
        )
        .map_err(db_error)?;
        Ok(())
    }

    /// The channel, or 404 NoSuchLiveChannel (NoSuchBucket first).
    pub fn live_channel(&self, bucket: &str, name: &str) -> Result<LiveChannel, OssError> {
        self.require_bucket(bucket)?;
        let conn = self.db.get()?;
        conn.query_row(
            &format!("SELECT {COLUMNS} FROM live_channels WHERE bucket = ?1 AND name = ?2"),
            params![bucket, name.as_bytes()],
            from_row,
        )
        .optional()
        .map_err(db_error)?
        .ok_or_else(no_such_live_channel)
    }

    pub fn set_live_channel_status(&self, bucket: &str, name: &str, status: &str) -> Result<(), OssError> {
        self.require_bucket(bucket)?;
        let conn = self.db.get()?;
        let changed = conn
            .execute(
                "UPDATE live_channels SET status = ?3, last_modified = ?4 WHERE bucket = ?1 AND name = ?2",
                params![bucket, name.as_bytes(), status, unix_now() as i64],
            )
            .map_err(db_error)?;
        if changed == 0 {
            return Err(no_such_live_channel());
        }
        Ok(())
    }

    pub fn delete_live_channel(&self, bucket: &str, name: &str) -> Result<(), OssError> {
        self.require_bucket(bucket)?;
        let conn = self.db.get()?;
        let deleted = conn
            .execute("DELETE FROM live_channels WHERE bucket = ?1 AND name = ?2", params![bucket, name.as_bytes()])
            .map_err(db_error)?;
        if deleted == 0 {
            return Err(no_such_live_channel());
        }
        Ok(())
    }

    /// Up to `limit` channels named with `prefix`, after `marker`, in byte order.
    pub fn list_live_channels(
        &self,
        bucket: &str,
        prefix: &str,
        marker: &str,
        limit: usize,
    ) -> Result<Vec<LiveChannel>, OssError> {
        self.require_bucket(bucket)?;
        let conn = self.db.get()?;
        let mut statement = conn
            .prepare(&format!(
                "SELECT {COLUMNS} FROM live_channels WHERE bucket = ?1 AND name > ?2 \
                 AND substr(name, 1, length(?3)) = ?3 ORDER BY name LIMIT ?4"
            ))
            .map_err(db_error)?;
        let rows = statement
            .query_map(params![bucket, marker.as_bytes(), prefix.as_bytes(), limit as i64], from_row)
            .map_err(db_error)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(db_error)
    }

    /// How many channels the bucket has (GetBucketStat).
    pub fn live_channel_count(&self, bucket: &str) -> Result<u64, OssError> {
        let conn = self.db.get()?;
        conn.query_row("SELECT COUNT(*) FROM live_channels WHERE bucket = ?1", [bucket], |row| row.get::<_, i64>(0))
            .map(|n| n as u64)
            .map_err(db_error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_1_database_gains_channels_and_keeps_its_rows() {
        let root = std::env::temp_dir().join(format!("oss-server-store-v1-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        {
            // A root written by a server from before live channels existed.
            let conn = rusqlite::Connection::open(root.join(".oss-store.db")).unwrap();
            conn.execute_batch(super::super::db::SCHEMA_V1).unwrap();
            conn.execute_batch(
                "PRAGMA user_version=1; INSERT INTO buckets VALUES ('old', 1, 'private', 'Standard', 'LRS');
                 INSERT INTO bucket_configs VALUES ('old', 'cors', '<CORSConfiguration/>');",
            )
            .unwrap();
        }
        let store = Store::open_and_recover(&root).unwrap();
        assert_eq!(store.bucket_config("old", "cors").unwrap().as_deref(), Some("<CORSConfiguration/>"));
        let channel = LiveChannel {
            name: "ch".into(),
            description: String::new(),
            status: "enabled".into(),
            frag_duration: 5,
            frag_count: 3,
            playlist_name: "playlist.m3u8".into(),
            last_modified: 0,
        };
        store.put_live_channel("old", &channel).unwrap();
        assert_eq!(store.live_channel("old", "ch").unwrap().playlist_name, "playlist.m3u8");
        let version: i64 = store.db.get().unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, 2);
        drop(store);
        let _ = std::fs::remove_dir_all(&root);
    }
}
