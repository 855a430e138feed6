//! What the reader keeps: the [`Fields`] of the top-level object and of
//! the objects under it that the event model reads; everything else is
//! validated and skipped.

use crate::event_fields::{ActivityData, Fields, RawCounterparty, RawEmail, RawPerson, Scalar};

use super::{Scanner, Step, TopLevel};

/// Room made for counterparties at the first one: SpotDraft contracts name
/// a few parties, and more than eight grow the list as usual.
const FIRST_COUNTERPARTIES: usize = 8;

impl Scanner<'_> {
    /// `Some` for an object, `None` (skipped) for anything else.
    fn object_or_skip<T: Default>(
        &mut self,
        mut each: impl FnMut(&mut Self, &mut T, &[u8]) -> Step<()>,
    ) -> Step<Option<T>> {
        if self.value_start()? != b'{' {
            self.skip()?;
            return Ok(None);
        }
        let mut out = T::default();
        self.object(|s, key| each(s, &mut out, key))?;
        Ok(Some(out))
    }

    fn person(&mut self) -> Step<Option<RawPerson>> {
        self.object_or_skip(|s, p: &mut RawPerson, key| {
            match key {
                b"name" => p.name = s.scalar()?,
                b"email" => p.email = s.scalar()?,
                _ => s.skip()?,
            }
            Ok(())
        })
    }

    fn email(&mut self) -> Step<Option<RawEmail>> {
        self.object_or_skip(|s, e: &mut RawEmail, key| {
            match key {
                b"recipient_email" => e.recipient = s.scalar()?,
                b"email_mode" => e.mode = s.scalar()?,
                b"occured_at" => e.occured_at = s.scalar()?,
                _ => s.skip()?,
            }
            Ok(())
        })
    }

    fn activity_data(&mut self) -> Step<ActivityData> {
        let data = self.object_or_skip(|s, a: &mut ActivityData, key| {
            match key {
                b"timestamp" => a.timestamp = s.scalar()?,
                b"performed_by" => a.performed_by = s.person()?,
                b"email_event_data" => a.email = s.email()?,
                b"signatory" => a.signatory = s.person()?,
                _ => s.skip()?,
            }
            Ok(())
        })?;
        Ok(data.unwrap_or_default())
    }

    fn external_id(&mut self) -> Step<Scalar> {
        let id = self.object_or_skip(|s, id: &mut Scalar, key| {
            match key {
                b"id" => *id = s.scalar()?,
                _ => s.skip()?,
            }
            Ok(())
        })?;
        Ok(id.unwrap_or_default())
    }

    fn counterparty(&mut self) -> Step<Option<RawCounterparty>> {
        self.object_or_skip(|s, c: &mut RawCounterparty, key| {
            match key {
                b"type" => c.kind = s.text()?,
                b"organization_name" => c.organization_name = s.text()?,
                b"poc_name" => c.poc_name = s.text()?,
                b"poc_email" => c.poc_email = s.text()?,
                b"counterparty_id" => c.counterparty_id = s.scalar()?.as_i64(),
                _ => s.skip()?,
            }
            Ok(())
        })
    }

    /// `counterparties[]`: room for [`FIRST_COUNTERPARTIES`] is made at
    /// the first object, so a typical array is one allocation (default growth
    /// would allocate for 4, then for 8); an empty array allocates nothing.
    fn counterparties(&mut self) -> Step<Vec<RawCounterparty>> {
        let mut out = Vec::new();
        if self.value_start()? != b'[' {
            self.skip()?;
            return Ok(out);
        }
        self.array(|s| {
            if let Some(c) = s.counterparty()? {
                if out.capacity() == 0 {
                    out.reserve_exact(FIRST_COUNTERPARTIES);
                }
                out.push(c);
            }
            Ok(())
        })?;
        Ok(out)
    }

    fn fields(&mut self) -> Step<Fields> {
        let mut f = Fields::default();
        self.object(|s, key| {
            match key {
                b"activity" => f.activity = s.scalar()?,
                b"contract_id" => f.contract_id = s.scalar()?,
                b"contract_title" => f.contract_title = s.text()?,
                b"contract_status" => f.contract_status = s.text()?,
                b"contract_kind" => f.contract_kind = s.text()?,
                b"contract_type" => f.contract_type = s.text()?,
                b"contract_type_name" => f.contract_type_name = s.text()?,
                b"contract_type_id" => f.contract_type_id = s.scalar()?.as_i64(),
                b"created_at" => f.created_at = s.text()?,
                b"business_user" => f.business_user = s.person()?,
                b"legal_user" => f.legal_user = s.person()?,
                b"external_metadata" => f.external_id = s.external_id()?,
                b"counterparties" => f.counterparties = s.counterparties()?,
                b"activity_data" => f.activity_data = s.activity_data()?,
                _ => s.skip()?,
            }
            Ok(())
        })?;
        Ok(f)
    }

    /// The whole payload: one value, then only whitespace.
    pub(super) fn top(&mut self) -> Step<TopLevel> {
        let top = if self.value_start()? == b'{' {
            let mut fields = self.fields()?;
            super::number::settle(&mut fields);
            TopLevel::Object(Box::new(fields))
        } else {
            match self.value(false)? {
                Scalar::Other(kind) => TopLevel::NotObject(kind),
                _ => TopLevel::NotObject("number"),
            }
        };
        self.end()?;
        Ok(top)
    }
}
