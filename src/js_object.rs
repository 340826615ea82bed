//! Plain JavaScript objects, for events and the values the module returns.

/// A plain JavaScript object with these fields, for events and exports.
pub fn js_object(fields: &[(&str, wasm_bindgen::JsValue)]) -> js_sys::Object {
    let object = js_sys::Object::new();
    for (key, value) in fields {
        let _ = js_sys::Reflect::set(&object, &(*key).into(), value);
    }
    object
}
