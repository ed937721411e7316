//! Collision-free names within one scope.

use std::collections::HashSet;

/// Hands out names that are unique within one scope (a module, a class, a parameter
/// list). Comparison uses a key function so languages that fold case, or emitters that
/// must avoid names differing only in case (file systems), can say so.
#[derive(Debug, Clone)]
pub struct NameAllocator {
    taken: HashSet<String>,
    fold_case: bool,
}

impl NameAllocator {
    pub fn new(fold_case: bool) -> Self {
        NameAllocator {
            taken: HashSet::new(),
            fold_case,
        }
    }

    /// Reserves names that must never be handed out (runtime classes, generator locals).
    pub fn reserve<I, S>(&mut self, names: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for n in names {
            let k = self.key(n.as_ref());
            self.taken.insert(k);
        }
    }

    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(&self.key(name))
    }

    /// Returns `name` if free, else `name2`, `name3`... (or with `sep` between), and
    /// marks the result taken.
    pub fn alloc(&mut self, name: &str) -> String {
        self.alloc_with(name, "")
    }

    pub fn alloc_with(&mut self, name: &str, sep: &str) -> String {
        if !self.is_taken(name) {
            self.taken.insert(self.key(name));
            return name.to_string();
        }
        let mut i = 2usize;
        loop {
            let candidate = format!("{name}{sep}{i}");
            if !self.is_taken(&candidate) {
                self.taken.insert(self.key(&candidate));
                return candidate;
            }
            i += 1;
        }
    }

    fn key(&self, name: &str) -> String {
        if self.fold_case {
            name.to_ascii_lowercase()
        } else {
            name.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NameAllocator;

    #[test]
    fn suffixes_on_collision() {
        let mut a = NameAllocator::new(true);
        a.reserve(["Client"]);
        assert_eq!(a.alloc("client"), "client2");
        assert_eq!(a.alloc("Session"), "Session");
        assert_eq!(a.alloc("session"), "session2");
        assert_eq!(a.alloc("session"), "session3");
    }
}
