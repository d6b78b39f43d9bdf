//! Article comments as the shop shows them: only approved ones (`status == 1`; the API
//! returns pending and spam ones too, with their authors' email and IP, which the shop never
//! even keeps), threaded by `parent_id`.

/// One approved comment. There is deliberately no email or IP here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    pub id: i64,
    pub parent_id: i64,
    pub user_name: String,
    pub content: String,
    pub created_time: i64,
    pub vote_count: i64,
}

/// A comment with its replies, oldest reply first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Thread {
    pub comment: Comment,
    pub replies: Vec<Thread>,
}

/// Deepest nesting drawn; deeper replies are drawn at this depth (a narrow screen has no
/// room for more indentation).
pub const MAX_DEPTH: usize = 3;

/// Keeps the approved comments (`(status, comment)` as the API lists them) and threads
/// them. A reply whose parent is not shown (pending, spam, or on another page) becomes a
/// top-level comment rather than disappearing. Top level keeps the server's order (newest
/// first); replies read oldest first, like a conversation.
pub fn thread(rows: Vec<(i64, Comment)>) -> Vec<Thread> {
    let shown: Vec<Comment> = rows
        .into_iter()
        .filter(|(status, c)| *status == 1 && c.id > 0)
        .map(|(_, c)| c)
        .collect();
    let ids: Vec<i64> = shown.iter().map(|c| c.id).collect();
    let natural =
        |c: &Comment| c.parent_id <= 0 || c.parent_id == c.id || !ids.contains(&c.parent_id);
    let mut root_ids: Vec<i64> = shown.iter().filter(|c| natural(c)).map(|c| c.id).collect();
    // Comments in a parent loop reach no root: the oldest of them becomes one, until every
    // comment is placed.
    loop {
        let placed = reachable(&root_ids, &shown);
        let Some(orphan) = shown
            .iter()
            .filter(|c| !placed.contains(&c.id))
            .map(|c| c.id)
            .min()
        else {
            break;
        };
        root_ids.push(orphan);
    }
    let is_root = |c: &Comment| root_ids.contains(&c.id);
    shown
        .iter()
        .filter(|c| is_root(c))
        .cloned()
        .map(|c| build(c, &shown, &is_root, 1))
        .collect()
}

fn reachable(roots: &[i64], all: &[Comment]) -> Vec<i64> {
    let mut placed: Vec<i64> = roots.to_vec();
    let mut frontier: Vec<i64> = roots.to_vec();
    while let Some(id) = frontier.pop() {
        for child in all.iter().filter(|c| c.parent_id == id && c.id != id) {
            if !placed.contains(&child.id) {
                placed.push(child.id);
                frontier.push(child.id);
            }
        }
    }
    placed
}

fn build(
    comment: Comment,
    all: &[Comment],
    is_root: &dyn Fn(&Comment) -> bool,
    depth: usize,
) -> Thread {
    let mut children: Vec<Comment> = all
        .iter()
        .filter(|c| c.parent_id == comment.id && !is_root(c))
        .cloned()
        .collect();
    children.sort_by_key(|c| (c.created_time, c.id));
    let replies = if depth >= 64 {
        Vec::new()
    } else {
        children
            .into_iter()
            .map(|c| build(c, all, is_root, depth + 1))
            .collect()
    };
    Thread { comment, replies }
}

/// How many comments a thread list holds.
pub fn count(threads: &[Thread]) -> usize {
    threads.iter().map(|t| 1 + count(&t.replies)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(id: i64, parent: i64, t: i64) -> Comment {
        Comment {
            id,
            parent_id: parent,
            user_name: format!("u{id}"),
            content: format!("c{id}"),
            created_time: t,
            vote_count: 0,
        }
    }

    #[test]
    fn only_approved_comments_are_threaded() {
        let rows = vec![
            (1, c(5, 0, 50)),
            (0, c(4, 0, 40)),
            (1, c(3, 1, 30)),
            (1, c(2, 1, 20)),
            (1, c(1, 0, 10)),
            (2, c(6, 1, 60)),
            (1, c(7, 3, 70)),
        ];
        let threads = thread(rows);
        let roots: Vec<i64> = threads.iter().map(|t| t.comment.id).collect();
        assert_eq!(roots, vec![5, 1]);
        let replies: Vec<i64> = threads[1].replies.iter().map(|t| t.comment.id).collect();
        assert_eq!(
            replies,
            vec![2, 3],
            "oldest reply first; the spam reply 6 is gone"
        );
        assert_eq!(threads[1].replies[1].replies[0].comment.id, 7);
        assert_eq!(count(&threads), 5);
    }

    #[test]
    fn a_reply_to_a_hidden_comment_is_kept_at_the_top() {
        let rows = vec![(1, c(9, 8, 90)), (0, c(8, 0, 80)), (1, c(10, 10, 5))];
        let threads = thread(rows);
        let roots: Vec<i64> = threads.iter().map(|t| t.comment.id).collect();
        assert_eq!(roots, vec![9, 10]);
        assert!(threads.iter().all(|t| t.replies.is_empty()));
    }

    #[test]
    fn a_parent_loop_does_not_hang() {
        // 1 → 2 → 1: no root by parent; the oldest becomes one and nothing is lost.
        let rows = vec![(1, c(2, 1, 2)), (1, c(1, 2, 1)), (1, c(3, 0, 3))];
        let threads = thread(rows);
        assert_eq!(count(&threads), 3);
        let roots: Vec<i64> = threads.iter().map(|t| t.comment.id).collect();
        assert_eq!(roots, vec![1, 3]);
        assert_eq!(threads[0].replies[0].comment.id, 2);
    }
}
